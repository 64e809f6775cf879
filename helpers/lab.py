"""``make lab``: JupyterLab on notebooks/, with Hangul from the pinned NanumGothic in the UI and RISE.

JupyterLab (≥ 4.1) loads ``custom/custom.css`` from its config folder when started with
``--LabApp.custom_css=True``. This module gives JupyterLab a folder of the workbook's own
(``.jupyter-workbook/``, git-ignored) holding only that stylesheet and its font files
(helpers.fonts), and keeps everything else of yours: your config files stay on the search path
(``JUPYTER_CONFIG_PATH``), and your settings and workspaces folders are passed explicitly.
RISE loads ``notebooks/rise.css``, which imports the same stylesheet.

Examples
--------
::

    python -m helpers.lab --no-browser --port 8890   # what `make lab LABFLAGS=...` runs
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
from jupyter_core.paths import jupyter_config_dir
from nbformat.sign import NotebookNotary

from helpers.fonts import write_lab_css

__all__ = ["LAB_CONFIG", "lab_command"]

ROOT = Path(__file__).resolve().parent.parent
LAB_CONFIG = ROOT / ".jupyter-workbook"
# Quiet, safe defaults for a local classroom server, in make lab's own folder:
# - kernels talk over local sockets, not unencrypted TCP (jupyter_client warns per kernel);
# - the websocket ping timeout equals the ping interval (tornado warns when it is longer, which
#   jupyter_server 2.x's default is).
_SERVER_CONFIG = {"ServerApp": {"tornado_settings": {"ws_ping_timeout": 30000}}}
if os.name == "posix":
    _SERVER_CONFIG["KernelManager"] = {"transport": "ipc"}


def _trust_notebooks() -> None:
    """Sign the workbook's notebooks for this user, so their committed HTML outputs show as run.

    The outputs were produced by the workbook's own code (the suite re-runs every notebook);
    signing only records that in the user's Jupyter trust database, the notebooks are unchanged.
    """
    notary = NotebookNotary()
    for path in sorted(
        [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "notebooks").glob("ko/*.ipynb")]
    ):
        nb = nbformat.read(path, as_version=4)
        if not notary.check_signature(nb):
            notary.sign(nb)


def lab_command(extra: list[str], *, config: Path = LAB_CONFIG) -> tuple[list[str], dict[str, str]]:
    """The ``jupyter lab`` command line and environment of ``make lab`` (fonts written if missing).

    Examples
    --------
    >>> argv, env = lab_command(["--no-browser"])  # doctest: +SKIP
    >>> "--LabApp.custom_css=True" in argv  # doctest: +SKIP
    True
    """
    css = config / "custom" / "custom.css"
    if (
        not css.is_file()
        or css.stat().st_mtime < Path(write_lab_css.__code__.co_filename).stat().st_mtime
    ):
        write_lab_css(config)
    (config / "jupyter_server_config.json").write_text(
        json.dumps(_SERVER_CONFIG, indent=1), encoding="utf-8"
    )
    # jupyterlab-rise requires the JupyterLab 3 MathJax extension, which JupyterLab 4 flags as
    # incompatible; JupyterLab 4 renders LaTeX with its own built-in MathJax, so it stays off.
    (config / "labconfig").mkdir(exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/mathjax3-extension": True}}, indent=1),
        encoding="utf-8",
    )
    user = jupyter_config_dir()  # the caller's own folder (honours their JUPYTER_CONFIG_DIR)
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(config)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (user, os.environ.get("JUPYTER_CONFIG_PATH", "")) if p
    )
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--notebook-dir={ROOT / 'notebooks'}",
        "--LabApp.custom_css=True",
        f"--LabApp.user_settings_dir={Path(user) / 'lab' / 'user-settings'}",
        f"--LabApp.workspaces_dir={Path(user) / 'lab' / 'workspaces'}",
        *extra,
    ]
    return argv, env


def main(argv: list[str] | None = None) -> int:
    command, env = lab_command(list(sys.argv[1:] if argv is None else argv))
    _trust_notebooks()
    os.execvpe(command[0], command, env)  # JupyterLab takes over this process (Ctrl+C stops it)
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
