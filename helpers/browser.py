"""A small headless-Chromium driver over the DevTools protocol, for the browser tests and slide fitting.

It talks to the system's Chromium (Debian package ``chromium``) through the DevTools websocket with
``websocket-client`` (pinned, and already a JupyterLab dependency), so nothing is downloaded at run
time: no browser download as with playwright, no driver download as with selenium-manager. The
browser starts with a proxy that leads nowhere, so a page that tries to reach the network fails
loudly instead of silently working online; every request the page makes is recorded.

Examples
--------
::

    from helpers.browser import Browser, find_chromium
    if find_chromium():
        with Browser(width=1280, height=800) as browser:
            browser.goto("file:///tmp/page.html")
            print(browser.evaluate("document.title"), browser.requests)
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["Browser", "BrowserError", "find_chromium"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class BrowserError(RuntimeError):
    """Chromium could not be started, or a page did not answer in time."""


def find_chromium() -> str | None:
    """The path of a Chromium/Chrome executable (``$CHROMIUM`` first), or None when there is none.

    Examples
    --------
    >>> path = find_chromium()
    >>> path is None or Path(path).is_file()
    True
    """
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium with one page, driven over the DevTools protocol.

    Parameters
    ----------
    width, height : int
        The page's viewport in CSS pixels (device scale factor 1).
    offline : bool
        Route every request through a dead proxy, so nothing can come from the network.
    timeout : float
        Seconds to wait for the browser to start, for a page to load, or for a command.

    Examples
    --------
    >>> with Browser() as b:  # doctest: +SKIP
    ...     b.goto("data:text/html,<p>안녕</p>")
    ...     b.evaluate("document.body.innerText")
    '안녕'
    """

    def __init__(
        self, width: int = 1280, height: int = 800, *, offline: bool = True, timeout: float = 30
    ):
        import websocket  # pinned in requirements.txt; imported here so the module imports without it

        executable = find_chromium()
        if executable is None:
            raise BrowserError("no Chromium found: apt-get install chromium (or set $CHROMIUM)")
        self.width, self.height, self.timeout = width, height, timeout
        self._profile = tempfile.mkdtemp(prefix="workbook-chromium-")
        args = [
            executable,
            "--headless=new",
            "--remote-debugging-port=0",
            f"--user-data-dir={self._profile}",
            f"--window-size={width},{height}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--font-render-hinting=none",
            "--allow-file-access-from-files",
        ]
        if offline:
            # Loopback stays reachable (a local JupyterLab); everything else meets a closed port.
            args += ["--proxy-server=http://127.0.0.1:9"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        args.append("about:blank")
        self._process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise BrowserError(f"Chromium ({executable}) did not start its DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self._ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=timeout, suppress_origin=True
        )
        self._next_id = 0
        self._events: list[dict] = []
        target = self._call("Target.createTarget", {"url": "about:blank"}, session=None)
        self._session = self._call(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=None
        )["sessionId"]
        self.requests: list[str] = []
        for domain in ("Page", "Network", "Runtime"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    # -- protocol ---------------------------------------------------------------------------
    def _call(self, method: str, params: dict | None, session: str | None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self._ws.recv())
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._note(reply)
        raise BrowserError(f"{method}: no answer within {self.timeout} s")

    def _note(self, event: dict) -> None:
        if event.get("method") == "Network.requestWillBeSent":
            self.requests.append(event["params"]["request"]["url"])
        self._events.append(event)

    def call(self, method: str, params: dict | None = None) -> dict:
        """Send one DevTools command to the page and return its result."""
        return self._call(method, params, self._session)

    def wait_for(self, method: str, timeout: float | None = None) -> dict:
        """Wait for the next event named ``method`` (events seen earlier are consumed first)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method:
                    return self._events.pop(i)
            if time.monotonic() > deadline:
                raise BrowserError(f"no {method} within {timeout or self.timeout} s")
            self._ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                self._note(json.loads(self._ws.recv()))
            except Exception as error:  # websocket timeout: loop and check the deadline
                if "timed out" not in str(error).lower():
                    raise
            finally:
                self._ws.settimeout(self.timeout)

    # -- pages ------------------------------------------------------------------------------
    def goto(self, url: str, *, wait_fonts: bool = True) -> None:
        """Open ``url`` and wait until it has loaded (and its web fonts are ready)."""
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        # A load event of the blank start page can still be in flight: wait for a real document
        # (servers may redirect, so the address need not be the one asked for).
        deadline = time.monotonic() + self.timeout
        while not self.evaluate(
            "document.readyState === 'complete' && location.href !== 'about:blank'"
        ):
            if time.monotonic() > deadline:
                raise BrowserError(f"{url} did not load within {self.timeout} s")
            time.sleep(0.05)
        if wait_fonts:
            self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str):
        """Evaluate JavaScript in the page (promises are awaited) and return its JSON value."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"JavaScript error: {text}")
        return result["result"].get("value")

    def screenshot(self, path: str | Path) -> Path:
        """Save the viewport as PNG."""
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path = Path(path)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """Stop the browser and remove its temporary profile."""
        try:
            if getattr(self, "_ws", None) is not None:
                self._ws.close()
        finally:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(5)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait(5)
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
