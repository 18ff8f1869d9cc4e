"""A real browser (Debian's chromium, headless, driven by Playwright) loads the Overview from a
server started by the test and finds a rendered chart.

Skipped with a notice where chromium is absent, except in CI (IPSO_REQUIRE_BROWSER=1), where a
missing browser is a failure.
"""

from __future__ import annotations

import pytest

from dashboard.devserver import serve
from tests.browser import CHROMIUM, HAVE_CHROMIUM, LAUNCH_ARGS, pytestmark  # noqa: F401


@pytest.fixture(scope="module")
def server(demo_warehouse):
    with serve(demo_warehouse) as url:
        yield url


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
    from PIL import Image

    shot = tmp_path / "map.png"
    for _ in range(30):  # deck.gl draws after its first frames; a busy machine takes longer
        page.wait_for_timeout(1000)
        canvas.screenshot(path=str(shot))
        image = Image.open(shot).convert("RGB")
        colours = image.getcolors(maxcolors=1_000_000) or []
        land = sum(n for n, rgb in colours if rgb == (226, 229, 234))
        if land > image.width * image.height * 0.05:
            break
    assert len(colours) > 20  # the country and the centres are drawn
    assert land > image.width * image.height * 0.05  # the hexagon country covers the canvas
    assert "Waar het geld landt" in page.inner_text("body")
