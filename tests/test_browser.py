"""A real browser (Debian's chromium, headless, driven by Playwright) loads the Overview from a
server started by the test and finds a rendered chart.

Skipped with a notice where chromium is absent, except in CI (IPSO_REQUIRE_BROWSER=1), where a
missing browser is a failure.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.devserver import serve
from tests.browser import (  # noqa: F401
    CHROMIUM,
    HAVE_CHROMIUM,
    LAUNCH_ARGS,
    pytestmark,
    settled,
    shows,
)


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
    shows(page, "Synthetische demodata", "Limburg", "Start KWF-subsidie")
    expect(page.locator(".stPlotlyChart")).to_have_count(2, timeout=60_000)
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    assert not errors, errors


def test_funding_map_renders_offline_with_its_layers(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/financiering?layer=blind_spots", timeout=60_000)
    # The map's own canvas: the page's tables are canvases too and may be drawn first.
    canvas = page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
    from PIL import Image

    shot = tmp_path / "map.png"
    for _ in range(60):  # deck.gl draws after its first frames; a busy machine takes longer
        canvas.screenshot(path=str(shot))
        image = Image.open(shot).convert("RGB")
        colours = image.getcolors(maxcolors=1_000_000) or []
        land = sum(n for n, rgb in colours if rgb == (226, 229, 234))
        if land > image.width * image.height * 0.05:
            break
        page.wait_for_timeout(500)
    assert len(colours) > 20  # the country and the centres are drawn
    assert land > image.width * image.height * 0.05  # the provinces cover the canvas
    shows(page, "Waar het geld landt")


# The page paths of dashboard/app.py's PAGES ("" is the Overview).
PAGE_PATHS = ("", "centra", "financiering", "gasten", "impact", "datakwaliteit", "methode")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("path", PAGE_PATHS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_passes_axe_and_stays_local(server, browser, lang, path):
    """WCAG 2.1 AA as axe-core checks it (the engine bundled by axe-playwright-python, run in
    the page): no serious or critical violation on any page, in either language; and no
    request leaves the server (no font CDN, no map tiles): the dashboard works offline. One
    case per page and language, so a failure names its page."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None
        ),
    )
    page.goto(f"{server}/{path}?lang={lang}", timeout=90_000)
    page.wait_for_selector("h1", timeout=90_000)
    if path in ("", "centra", "gasten", "impact", "datakwaliteit"):
        page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    if path == "financiering":
        page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
    settled(page)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    page.close()
    assert not bad, bad
    assert not outside, sorted(set(outside))


def test_charts_have_text_alternatives(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/?lang=en", timeout=90_000)
    page.wait_for_selector(".stPlotlyChart .main-svg", timeout=60_000)
    labels = page.eval_on_selector_all(
        ".stPlotlyChart",
        "els => els.map(e => [e.getAttribute('role'), e.getAttribute('aria-label') || ''])",
    )
    assert [r for r, _ in labels] == ["figure", "figure"]
    assert labels[0][1].startswith("Visits and guests per month")
    assert labels[1][1].startswith("What guests say")
    assert all("download" in label for _, label in labels)  # where the numbers are


def test_every_slide_chart_shows_all_its_labels_inside_the_picture(wh, browser):
    """Each chart placed on a slide, drawn at its slide size (as SVG by the same export), then
    measured in the browser: every piece of text lies inside the picture, and every survey
    question keeps its whole label (they were cut to "en", "08")."""
    from datetime import date

    import kaleido

    from dashboard.metrics.filters import Filters
    from dashboard.metrics.queries import load_catalog
    from dashboard.present import boardpack, export
    from dashboard.present.i18n import t
    from dashboard.present.overview import survey_rates
    from dashboard.present.slidedeck import PX_PER_INCH

    catalog = load_catalog(wh)
    page = browser.new_page()
    export._start_server()
    checked = 0
    for lang, f in (
        ("nl", Filters(date(2025, 1, 1), date(2025, 12, 1))),
        ("en", Filters(date(2025, 1, 1), date(2025, 12, 1), "Limburg", "C004")),
    ):
        pack = boardpack.make_pack(wh, catalog, f, lang)
        deck = boardpack.Deck(["view", "source"])
        for make_slide in boardpack.slides_for(f):
            make_slide(deck, pack)
        for _slide, fig, box in deck.pending:
            w, h = round(box.width * PX_PER_INCH), round(box.height * PX_PER_INCH)
            svg = kaleido.calc_fig_sync(
                fig.to_dict(), opts={"format": "svg", "width": w, "height": h, "scale": 1}
            )
            page.set_content(svg.decode() if isinstance(svg, bytes) else svg)
            texts = page.eval_on_selector_all(
                "svg text",
                "els => { const s = document.querySelector('svg').getBoundingClientRect();"
                " return els.map(e => { const b = e.getBoundingClientRect();"
                " return [e.textContent, b.left - s.left, b.top - s.top,"
                " b.right - s.left, b.bottom - s.top]; }); }",
            )
            shown = [x for x in texts if x[0].strip()]
            outside = [x for x in shown if x[1] < -1 or x[2] < -1 or x[3] > w + 1 or x[4] > h + 1]
            assert not outside, (lang, fig.layout.title.text, outside[:3])
            if fig.layout.title.text == t("survey_title", lang):
                words = " ".join(x[0] for x in shown)
                for label in survey_rates(pack.current.kpis, lang)["label"].to_list():
                    assert label in words, label
            checked += 1
    assert checked == 7  # national: trend, survey, map, event study; centre: no map
    page.close()
