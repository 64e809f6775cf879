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
