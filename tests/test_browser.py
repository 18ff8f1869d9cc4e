"""A real browser (Debian's chromium, headless, driven by Playwright) loads the Overview from a
server started by the test and finds a rendered chart.

Skipped with a notice where chromium is absent, except in CI (IPSO_REQUIRE_BROWSER=1), where a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

from dashboard.devserver import serve

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


@pytest.fixture(scope="module")
def server(demo_warehouse):
    with serve(demo_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def test_overview_renders_a_chart(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/?from=2025-01&to=2025-12&province=Limburg", timeout=60_000)
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    page.wait_for_selector("text=Bezoeken", timeout=30_000)
    body = page.inner_text("body")
    assert "Synthetische demodata" in body
    assert "Limburg" in body
    assert "Start KWF-subsidie" in body
    assert page.locator(".stPlotlyChart").count() == 2
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    assert not errors, errors


def test_funding_map_renders_offline_with_its_layers(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/financiering?layer=blind_spots", timeout=60_000)
    canvas = page.wait_for_selector("canvas", timeout=60_000)
    page.wait_for_timeout(3000)  # deck.gl draws after the first frame
    shot = tmp_path / "map.png"
    canvas.screenshot(path=str(shot))
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20  # the country and the centres are drawn
    land = sum(n for n, rgb in colours if rgb == (226, 229, 234))
    assert land > image.width * image.height * 0.05  # the hexagon country covers the canvas
    assert "Waar het geld landt" in page.inner_text("body")
