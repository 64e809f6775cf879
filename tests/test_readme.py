"""The README stays in step with what exists: the notebook map, the glossary, the commands."""

from __future__ import annotations

from pathlib import Path

from helpers.course import glossary_markdown, map_markdown

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_current_notebook_map():
    assert map_markdown() in README, "regenerate the map with helpers.course.map_markdown()"


def test_readme_shows_the_current_glossary():
    assert glossary_markdown() in README, (
        "regenerate the glossary with helpers.course.glossary_markdown()"
    )


def test_readme_gives_the_two_commands_and_the_plain_python_steps():
    for command in ("make lab", "make test", "pip install -r requirements.txt", "jupyter lab"):
        assert command in README, command


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_korean_readme_map_agrees_with_the_course_titles():
    from helpers.course import NOTEBOOKS

    readme_ko = (Path(__file__).resolve().parent.parent / "README.ko.md").read_text(
        encoding="utf-8"
    )
    for number, file, english, korean, _ in NOTEBOOKS:
        row = f"| {number:02d} | [{english}](notebooks/{file}) | {korean} |"
        assert row in readme_ko, f"README.ko.md map row for {file} should start {row!r}"


def test_korean_readme_names_only_make_targets_that_exist():
    import re

    root = Path(__file__).resolve().parent.parent
    targets = set(re.findall(r"^([\w-]+):", (root / "Makefile").read_text(), re.MULTILINE))
    named = set(re.findall(r"make ([\w-]+)", (root / "README.ko.md").read_text(encoding="utf-8")))
    assert named <= targets, f"README.ko.md names missing make targets: {sorted(named - targets)}"
