"""The server as ``hjulet run`` starts it: an exception carrying a child's name and
personal number reaches neither the person's screen nor the server log, and the page
is served with an XSRF cookie."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from plans.cli.serve import server_command
from tests.e2e.conftest import ARTIFACTS, _free_port

SECRET = "Kalle Karlsson 20150304-1234"
SCRIPT = f'''
import streamlit as st
st.write("hello")
raise ValueError("{SECRET}")
'''


def _wait_for(url: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def test_no_personal_data_in_the_server_log_or_on_screen(browser: Any, tmp_path: Path) -> None:
    script = tmp_path / "boom.py"
    script.write_text(SCRIPT, encoding="utf-8")
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "server-log-scrubbed.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            server_command(port, "127.0.0.1", entry=script),
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(url)
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.get_by_text("hello").wait_for(timeout=30_000)
        deadline = time.time() + 30
        while "ValueError" not in log.read_text(errors="replace") and time.time() < deadline:
            time.sleep(0.3)
        body = page.inner_text("body")
        cookies = {c["name"] for c in context.cookies()}
        context.close()
    finally:
        process.terminate()
        process.wait(10)
    logged = log.read_text(errors="replace")
    assert "ValueError" in logged and "boom.py" in logged  # the operator can find the bug
    assert "Kalle" not in logged and "20150304" not in logged
    assert "Kalle" not in body  # showErrorDetails = none
    assert "_streamlit_xsrf" in cookies  # enableXsrfProtection = true
