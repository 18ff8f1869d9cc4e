"""Debian's chromium for the browser tests: where it is, how it is launched (headless, offline),
the marks that skip a browser test with a notice where it is absent (a failure in CI, where
IPSO_REQUIRE_BROWSER=1). The `browser` fixture is in conftest.py."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
if not HAVE_CHROMIUM and os.environ.get("IPSO_REQUIRE_BROWSER"):
    raise RuntimeError("IPSO_REQUIRE_BROWSER is set but chromium is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not HAVE_CHROMIUM,
        reason="NOTICE: Debian's chromium is not installed (apt-get install chromium); "
        "browser tests skipped",
    ),
]
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-component-update",
]


def shows(page, *texts: str, timeout: float = 60_000) -> None:
    """Wait until the page's text holds each of `texts`. A Streamlit page arrives in several
    messages, so text asserted right after the first chart may not be there yet on a busy
    machine; this retries up to `timeout` ms instead of reading the page once."""
    from playwright.sync_api import expect

    for text in texts:
        expect(page.locator("body")).to_contain_text(text, timeout=timeout)


def settled(page, timeout: float = 90_000) -> None:
    """Wait until the page is complete: the app's script run has finished, no element is left
    stale from an earlier run, and every Plotly chart has drawn its picture. Precise where a
    fixed pause was a guess (too short on a busy machine, idle time on a quiet one)."""
    from playwright.sync_api import expect

    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout
    )
    expect(page.locator("[data-stale=true]")).to_have_count(0, timeout=timeout)
    expect(page.locator(".stPlotlyChart:not(:has(.main-svg))")).to_have_count(0, timeout=timeout)
