"""`make lab` renders Hangul from the pinned NanumGothic, in JupyterLab and in RISE.

Starts JupyterLab the way ``make lab`` does (helpers.lab) on a free local port, with a throw-away
user config folder, opens notebook 01 in headless Chromium, and checks that the Hangul of the
notebook is drawn with the workbook's web font (a machine without a Korean system font would show
empty boxes otherwise); then the same in RISE. Screenshots go to build/screenshots/.
Skipped where no Chromium is installed.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

import pytest

from helpers.browser import Browser, find_chromium
from helpers.lab import ROOT, lab_command
from tests.test_browser import _hangul_fonts

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium on this machine: apt-get install chromium (.ci/run installs it)",
)
NOTEBOOK = "01_loyalty_economics.ipynb"
TOKEN = "workbook-test"
SHOTS = ROOT / "build" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = _free_port()
    user = tmp_path_factory.mktemp("user-jupyter")
    argv, env = lab_command(
        [
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            "--allow-root",
            "--LabApp.news_url=",
        ]
    )
    env["JUPYTER_CONFIG_DIR"] = str(env["JUPYTER_CONFIG_DIR"])
    env["JUPYTER_CONFIG_PATH"] = str(user)  # a throw-away "user" folder, not the tester's own
    argv = [
        a
        for a in argv
        if not a.startswith(("--LabApp.user_settings_dir", "--LabApp.workspaces_dir"))
    ]
    argv += [
        f"--LabApp.user_settings_dir={user / 'settings'}",
        f"--LabApp.workspaces_dir={user / 'workspaces'}",
    ]
    log = tmp_path_factory.mktemp("lab-log") / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-2000:]}")
                time.sleep(0.3)
        yield base, log
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait(browser: Browser, condition: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not browser.evaluate(condition):
        if time.monotonic() > deadline:
            raise AssertionError(f"the page never showed {condition}")
        time.sleep(0.3)


def test_jupyterlab_and_rise_draw_hangul_with_the_pinned_font(lab):
    base, log = lab
    SHOTS.mkdir(parents=True, exist_ok=True)
    with Browser(1280, 800) as browser:
        browser.goto(f"{base}/lab/tree/{NOTEBOOK}?token={TOKEN}", wait_fonts=False)
        _wait(browser, "!!document.querySelector('.jp-Notebook .jp-RenderedMarkdown h1')")
        browser.evaluate("document.fonts.ready.then(() => true)")
        loaded = browser.evaluate(
            "[...document.fonts].filter(f => f.family === 'WorkbookHangul').map(f => f.status)"
        )
        assert "loaded" in loaded, f"JupyterLab did not load the Hangul font: {loaded}"
        problems = _hangul_fonts(browser, 15, viewport_only=True)
        browser.screenshot(SHOTS / "lab_01.png")
        assert not problems, f"JupyterLab draws Hangul with another font: {problems[:3]}"

        browser.goto(f"{base}/rise/{NOTEBOOK}?token={TOKEN}", wait_fonts=False)
        _wait(
            browser,
            "!!document.querySelector('.reveal .slides section.present .jp-RenderedMarkdown h1')",
        )
        browser.evaluate("document.fonts.ready.then(() => true)")
        time.sleep(0.5)  # RISE lays the slide out after the fonts arrive
        problems = _hangul_fonts(browser, 10, viewport_only=True)
        browser.screenshot(SHOTS / "rise_01.png")
        assert not problems, f"RISE draws Hangul with another font: {problems[:3]}"
    text = log.read_text()
    noise = [line for line in text.splitlines() if "[W " in line and "404 GET /files/" not in line]
    assert not [n for n in noise if "without encryption" in n or "websocket_ping_timeout" in n], (
        noise
    )
