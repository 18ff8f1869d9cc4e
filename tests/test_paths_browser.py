"""Each user's path in a real browser (issue 16): a coordinator following a link to a page
their role may not see gets a message at that address, not a silent jump to the Overview; a
coordinator's first page is their own centre, with both board-pack buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.devserver import serve
from tests.browser import CHROMIUM, HAVE_CHROMIUM, LAUNCH_ARGS, pytestmark, shows  # noqa: F401


@pytest.fixture(scope="module")
def server(demo_warehouse):
    with serve(demo_warehouse) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/datakwaliteit?lang=en&role=coordinator&as_centre=C004", "not available for your role"),
        ("/subsidies?lang=nl&role=coordinator&as_centre=C004", "niet beschikbaar voor uw rol"),
    ],
)
def test_a_link_to_a_page_not_for_the_role_explains(server, browser, path, words):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server + path, timeout=60_000)
    page.wait_for_selector(f"text={words}", timeout=60_000)
    assert page.url.split("?")[0].endswith(path.split("?")[0])  # still at the page asked for
    assert page.locator(".stPlotlyChart").count() == 0


def test_a_coordinator_starts_on_their_own_centre(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/?lang=en&role=coordinator&as_centre=C004", timeout=60_000)
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    shows(page, "Toon Hermans Huis Roermond (Roermond) ·", "In brief")
    assert "centre=C004" in page.url
    expect(page.get_by_role("button", name="Board pack (PDF)")).to_have_count(1, timeout=60_000)
