"""Each user's path (issue 16): a coordinator's own centre first, messages instead of silent
jumps, links that keep the language and the viewer, period presets, the Overview's key
messages, a centre's own view and its before/after, the Grants page, and the PDF pack."""

from __future__ import annotations

import unicodedata
from datetime import date
from urllib.parse import parse_qs, urlparse

import duckdb
import numpy as np
import polars as pl
import pytest

from dashboard.metrics import beforeafter, queries
from dashboard.metrics.filters import Catalog, Centre, add_months, parse_filters, period_presets
from dashboard.metrics.grants import filter_grants, grant_totals, kwf_progress
from dashboard.metrics.kpis import compute_kpis
from dashboard.metrics.ownview import months_since, percentile, year_before
from dashboard.metrics.queries import grants_list, load_catalog, load_centres
from dashboard.present import export, pdfdeck
from dashboard.present.boardpack import headline_studies
from dashboard.present.i18n import fmt_int, fmt_pct, t
from dashboard.present.impacttext import headline as impact_headline
from dashboard.present.keymessages import key_messages
from dashboard.present.links import centre_link_prefix
from tests import independent
from tests.conftest import PAGE, run_app

MONTHS = tuple(add_months(date(2019, 1, 1), k) for k in range(94))  # 2019-01 .. 2026-10


# --- pure: presets, default centre, links -------------------------------------------------


def test_presets_fit_the_data():
    p = period_presets(MONTHS, date(2022, 9, 15))
    assert p["last_12"] == (date(2025, 11, 1), date(2026, 10, 1))
    assert p["since_grant"] == (date(2022, 9, 1), date(2026, 10, 1))
    assert p["grant_after"] == (date(2022, 9, 1), date(2023, 8, 1))
    years = [k for k in p if k.startswith("year_")]
    assert years == [f"year_{y}" for y in range(2025, 2018, -1)]  # 2026 is not complete
    assert p["year_2024"] == (date(2024, 1, 1), date(2024, 12, 1))
    # no grant, or one too close to the edge: those presets are left out, never clipped
    assert "since_grant" not in period_presets(MONTHS, None)
    assert "grant_after" not in period_presets(MONTHS, date(2019, 6, 1))
    assert "grant_after" not in period_presets(MONTHS, date(2026, 3, 1))


def _catalog() -> Catalog:
    return Catalog(
        months=MONTHS,
        centres={
            "C001": Centre("C001", "A", "Hoorn", "Noord-Holland"),
            "C002": Centre("C002", "B", "Sittard", "Limburg"),
        },
    )


def test_default_centre_and_explicit_all():
    cat = _catalog()
    f, msgs = parse_filters({}, cat, default_centre="C002")
    assert (f.centre, f.province, msgs) == ("C002", "Limburg", [])
    f, msgs = parse_filters({"centre": "all"}, cat, default_centre="C002")
    assert (f.centre, f.province, msgs) == (None, None, [])
    f, _ = parse_filters({"province": "Noord-Holland"}, cat, default_centre="C002")
    assert (f.centre, f.province) == (None, "Noord-Holland")  # a chosen province wins
    f, msgs = parse_filters({"centre": "C001"}, cat, default_centre="C002")
    assert f.centre == "C001" and not msgs
    assert parse_filters({}, cat)[0].centre is None  # no default: national


def test_centre_links_keep_language_and_viewer():
    params = {
        "lang": "en",
        "role": "coordinator",
        "as_centre": "C004",
        "from": "2025-01",
        "to": "2025-12",
        "province": "Limburg",
        "centre": "C004",
        "peers": "all",
    }
    link = centre_link_prefix(params, peers="size", kpi="visits") + "C009"
    q = parse_qs(urlparse(link).query)
    assert q["lang"] == ["en"] and q["role"] == ["coordinator"] and q["as_centre"] == ["C004"]
    assert q["from"] == ["2025-01"] and q["to"] == ["2025-12"]
    assert q["peers"] == ["size"] and q["kpi"] == ["visits"]
    assert q["centre"] == ["C009"] and "province" not in q
    assert centre_link_prefix({}) == "?centre="


# --- pure: own view, before/after ----------------------------------------------------------


def test_percentile_counts_ties_half_and_needs_five_published_peers():
    ids = ["a", "b", "c", "d", "e", "f", "g", "h"]
    table = pl.DataFrame(
        {"centre_id": ids, "visits": [50, 10, 50, 90, 20, 70, None, 30]},
        schema={"centre_id": pl.String, "visits": pl.Int64},
    )
    r = percentile(table, "a", ids[1:], "visits")
    # six peers with a value: 10, 20, 30 below, 50 a tie, 70 and 90 above -> (3 + 0.5) / 6
    assert r["percentile"] == pytest.approx(100 * 3.5 / 6) and r["peers"] == 6 and r["below"] == 3
    assert percentile(table, "g", ids[:6], "visits") is None  # own value suppressed
    # four peers with a value (g has none): a percentile would place a handful of peers
    assert percentile(table, "a", ["b", "c", "d", "g", "h"], "visits") is None


def test_year_before_and_months_since():
    f = parse_filters({"from": "2025-03", "to": "2026-02"}, _catalog())[0]
    yb = year_before(f)
    assert (yb.month_from, yb.month_to) == (date(2024, 3, 1), date(2025, 2, 1))
    assert months_since(date(2023, 3, 9), date(2026, 10, 1)) == 43
    assert months_since(None, date(2026, 10, 1)) is None
    assert months_since(date(2027, 1, 1), date(2026, 10, 1)) is None


def _panel(centres: dict[str, tuple[float, float]], start: date) -> pl.DataFrame:
    """visits per month: (before, after) levels around `start`, 12 months each."""
    rows = []
    for cid, (before, after) in centres.items():
        for k in range(-12, 12):
            rows.append(
                {
                    "centre_id": cid,
                    "month": add_months(start, k),
                    "visits": before if k < 0 else after,
                    "new_guests": (before if k < 0 else after) / 10,
                }
            )
    return pl.DataFrame(rows)


def _windows_frame(rows: dict[str, dict]) -> pl.DataFrame:
    cols = ("guests", "male", "gender_known", "youth", "age_known", "care_referrals", "ref_known")
    return pl.DataFrame(
        [{"centre_id": c, **{k: v.get(k, 0) for k in cols}} for c, v in rows.items()]
    )


def test_before_after_against_not_yet_funded_centres(monkeypatch):
    monkeypatch.setattr(beforeafter, "MIN_CONTROLS", 3)  # three waiting centres suffice here
    start = date(2023, 3, 1)
    centres = pl.DataFrame(
        {
            "centre_id": ["own", "wait1", "wait2", "early", "young", "wait3"],
            "opened_on": [date(2010, 1, 1)] * 4 + [date(2022, 9, 1), date(2010, 1, 1)],
            "coordinator_start": [
                date(2023, 3, 9),
                None,
                date(2024, 5, 1),
                date(2022, 1, 1),
                None,
                None,
            ],
        }
    )
    w = beforeafter.windows(date(2023, 3, 9), date(2019, 1, 1), date(2026, 10, 1))
    assert w.before == (date(2022, 3, 1), date(2023, 2, 1))
    assert w.after == (date(2023, 3, 1), date(2024, 2, 1))
    # funded during the windows ("early") or opened too late ("young") are no controls
    assert beforeafter.control_ids(centres, "own", w) == ["wait1", "wait2", "wait3"]
    panel = _panel(
        {
            "own": (100, 150),
            "wait1": (100, 110),
            "wait2": (100, 110),
            "wait3": (100, 110),
            "early": (5, 500),
        },
        start,
    )
    people = {"guests": 200, "male": 50, "gender_known": 200, "age_known": 200, "ref_known": 200}
    before = _windows_frame(
        {
            "own": people,
            "wait1": people | {"male": 40},
            "wait2": people | {"male": 40},
            "wait3": people | {"male": 40},
        }
    )
    after = _windows_frame(
        {
            "own": people | {"male": 80},
            "wait1": people | {"male": 44},
            "wait2": people | {"male": 40},
            "wait3": people | {"male": 42},
        }
    )
    r = {
        x["outcome"]: x
        for x in beforeafter.before_after(panel, centres, before, after, "own", w).to_dicts()
    }
    v = r["visits"]
    assert v["change"] == pytest.approx(0.5) and v["controls_change"] == pytest.approx(0.1)
    assert v["difference"] == pytest.approx(1.5 / 1.1 - 1)
    assert v["before"] == 1200 and v["after"] == 1800
    # constant months: every bootstrap draw gives the same answer
    assert v["low"] == pytest.approx(v["difference"]) and v["high"] == pytest.approx(
        v["difference"]
    )
    assert not v["unclear"] and v["controls"] == 3
    m = r["share_male"]
    # own 25% -> 40% (+15 pp); controls 120/600 -> 126/600 (+1 pp): +14 pp
    assert m["difference"] == pytest.approx(0.14)
    se = np.sqrt(
        sum(p * (1 - p) / n for p, n in ((0.25, 200), (0.4, 200), (0.2, 600), (0.21, 600)))
    )
    assert m["low"] == pytest.approx(0.14 - 1.959963984540054 * se)
    assert not m["unclear"]


def test_before_after_suppresses_a_small_centre():
    start = date(2023, 3, 1)
    centres = pl.DataFrame(
        {
            "centre_id": ["own", "wait"],
            "opened_on": [date(2010, 1, 1)] * 2,
            "coordinator_start": [start, None],
        }
    )
    w = beforeafter.windows(start, date(2019, 1, 1), date(2026, 10, 1))
    panel = _panel({"own": (3, 4), "wait": (100, 100)}, start)
    small = {"guests": 7, "male": 2, "gender_known": 7, "age_known": 7, "ref_known": 7}
    big = {"guests": 300, "male": 90, "gender_known": 300, "age_known": 300, "ref_known": 300}
    frame = beforeafter.before_after(
        panel,
        centres,
        _windows_frame({"own": small, "wait": big}),
        _windows_frame({"own": small, "wait": big}),
        "own",
        w,
    )
    assert frame["suppressed"].all() and frame["unclear"].all()
    for column in ("before", "after", "change", "difference", "low", "high"):
        assert frame[column].is_null().all(), column
    assert frame["guests_before"].is_null().all()  # never a count from fewer than 10 guests


def test_before_after_needs_enough_waiting_centres():
    start = date(2023, 3, 1)
    centres = pl.DataFrame(
        {
            "centre_id": ["own", "w1", "w2"],
            "opened_on": [date(2010, 1, 1)] * 3,
            "coordinator_start": [start, None, None],
        }
    )
    w = beforeafter.windows(start, date(2019, 1, 1), date(2026, 10, 1))
    big = {"guests": 300, "male": 90, "gender_known": 300, "age_known": 300, "ref_known": 300}
    frames = _windows_frame({c: big for c in ("own", "w1", "w2")})
    panel = _panel({"own": (100, 150), "w1": (100, 110), "w2": (100, 120)}, start)
    # two waiting centres (fewer than MIN_CONTROLS): their aggregate would be theirs
    assert beforeafter.before_after(panel, centres, frames, frames, "own", w).height == 0


# --- pure over the demo warehouse: grants and the KWF programme ---------------------------


def test_grants_totals_and_search_match_the_extract(wh, demo_extract):
    grants = grants_list(wh)
    raw = pl.read_parquet(demo_extract / "grants" / "*.parquet")
    total, per_funder = grant_totals(grants)
    assert total["grants"] == raw.height
    assert total["amount_eur"] == pytest.approx(float(raw["amount_eur"].cast(pl.Float64).sum()))
    assert total["national"] == raw.filter(pl.col("centre_id").is_null()).height
    assert per_funder["amount_eur"].sum() == pytest.approx(total["amount_eur"])
    kwf = filter_grants(grants, funders=["kwf"])
    assert kwf.height == raw.filter(pl.col("funder") == "kwf").height
    # a literal search: words from the labels find codes; regex characters are just text
    labels = {"paid_coordinator": "Betaalde coördinator"}
    found = filter_grants(grants, search="COÖRDINATOR", labels=labels)
    assert found.height == raw.filter(pl.col("purpose") == "paid_coordinator").height
    assert filter_grants(grants, search="(.*").height == 0
    name = grants.filter(pl.col("recipient").is_not_null())["recipient"][0]
    by_name = filter_grants(grants, search=name.lower())
    assert by_name.height >= 1 and name in by_name["recipient"].to_list()
    running = filter_grants(grants, active_from=date(2025, 1, 1), active_to=date(2025, 12, 31))
    assert (
        running.height
        == raw.filter(
            (pl.col("start_on") <= date(2025, 12, 31)) & (pl.col("end_on") >= date(2025, 1, 1))
        ).height
    )


def test_kwf_progress_against_an_independent_computation(wh, demo_extract):
    last = load_catalog(wh).months[-1]
    progress = kwf_progress(grants_list(wh), load_centres(wh), last)
    row = progress.row(-1, named=True)
    month_end = independent.month_end(last)
    con = duckdb.connect()
    g = str(demo_extract / "grants" / "*.parquet")
    c = str(demo_extract / "centres" / "*.parquet")
    planned, committed, spent = con.execute(
        f"""
        select
            count(distinct centre_id) filter (where purpose = 'paid_coordinator'),
            sum(amount_eur) filter (where start_on <= $e),
            sum(amount_eur * greatest(0, least(datediff('day', start_on, $e) + 1,
                datediff('day', start_on, end_on) + 1)) / (datediff('day', start_on, end_on) + 1))
        from read_parquet('{g}') where funder = 'kwf'
        """,
        {"e": month_end},
    ).fetchone()
    in_post = con.execute(
        f"select count(*) from read_parquet('{c}') where coordinator_start <= $e", {"e": month_end}
    ).fetchone()[0]
    assert row["planned"] == planned == 84
    assert row["coordinators_in_post"] == in_post
    assert row["committed_eur"] == pytest.approx(float(committed))
    assert row["spent_eur"] == pytest.approx(float(spent))
    assert progress["spent_eur"].is_sorted() and progress["coordinators_in_post"].is_sorted()


# --- pure: key messages from the same figures ------------------------------------------------


def test_key_messages_say_the_figures(wh, demo_extract):
    cat = load_catalog(wh)
    f = parse_filters({"from": "2025-01", "to": "2025-12"}, cat)[0]
    current, previous = compute_kpis(wh, f), compute_kpis(wh, f.previous())
    tables = independent.load(demo_extract)
    truth = independent.kpis(tables, f.month_from, f.month_to)
    before = independent.kpis(tables, f.previous().month_from, f.previous().month_to)
    studies = headline_studies(wh)
    for lang in ("nl", "en"):
        visits, reach, impact = key_messages(current, previous, studies, "NL", lang)
        assert fmt_int(truth["visits"], lang) in visits
        assert fmt_int(truth["guests"], lang) in visits
        change = truth["visits"] / before["visits"] - 1
        assert fmt_pct(abs(change), 1, lang) in visits  # the tile's precision
        assert fmt_pct(truth["share_male"], 0, lang) in reach
        assert fmt_pct(truth["share_youth"], 0, lang) in reach
        # the Impact page's own headline, and one claimed outcome with its interval
        assert impact.startswith(impact_headline(studies, lang)[0])
        first = studies["visits"]  # the first headline outcome, claimed in the demo data
        assert fmt_pct(first.low, 0, lang) in impact and fmt_pct(first.high, 0, lang) in impact
    assert key_messages(current, None, {}, "NL", "en")[2] == t("no_event_study", "en")


# --- the app, per role and language --------------------------------------------------------


def _param(at, key: str) -> str:
    """A URL parameter as AppTest holds it (a string, or a list for a repeated one)."""
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def _messages(at) -> list[str]:
    return [w.value for w in at.warning] + [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_coordinator_opens_on_their_own_centre(demo_warehouse, monkeypatch, lang):
    at = run_app(demo_warehouse, monkeypatch, lang=lang, role="coordinator", as_centre="C004")
    assert not at.exception
    f = at.session_state["ctx"].filters
    assert f.centre == "C004" and _param(at, "centre") == "C004"
    assert any("Roermond" in m.value for m in at.markdown)  # the Overview of their centre
    at.switch_page(PAGE["centres"]).run()
    assert not at.exception
    assert at.session_state["ctx"].filters.centre == "C004"
    assert at.header[0].value == "Toon Hermans Huis Roermond"
    # every centre, chosen explicitly, stays in the link
    at = run_app(
        demo_warehouse, monkeypatch, lang=lang, role="coordinator", as_centre="C004", centre="all"
    )
    assert at.session_state["ctx"].filters.national
    assert _param(at, "centre") == "all"
    # national roles still open on the whole country
    at = run_app(demo_warehouse, monkeypatch, lang=lang, role="grant_manager")
    assert at.session_state["ctx"].filters.national


@pytest.mark.parametrize(
    ("page", "role", "lang", "words"),
    [
        ("quality", "coordinator", "nl", "niet beschikbaar voor uw rol"),
        ("quality", "coordinator", "en", "not available for your role"),
        ("grants", "coordinator", "nl", "niet beschikbaar voor uw rol"),
        ("grants", "national", "en", "not available for your role"),
    ],
)
def test_a_page_not_for_the_role_says_so(demo_warehouse, monkeypatch, page, role, lang, words):
    at = run_app(demo_warehouse, monkeypatch, page=page, lang=lang, role=role, as_centre="C004")
    assert not at.exception
    assert any(words in m for m in _messages(at)), _messages(at)
    assert not at.dataframe  # nothing of the page itself


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_centre_table_links_keep_language_and_viewer(demo_warehouse, monkeypatch, lang):
    at = run_app(
        demo_warehouse, monkeypatch, page="centres", lang=lang, role="coordinator", as_centre="C004"
    )
    links = at.dataframe[-1].value[t("col_link", lang)].dropna().tolist()
    assert links, "the coordinator's own row links to their view"
    for link in links:
        q = parse_qs(urlparse(link).query)
        assert q["lang"] == [lang] and q["role"] == ["coordinator"] and q["as_centre"] == ["C004"]
    at = run_app(demo_warehouse, monkeypatch, page="centres", lang=lang, role="grant_manager")
    column = at.dataframe[-1].value[t("col_link", lang)].dropna()
    q = parse_qs(urlparse(column.iloc[0]).query)
    assert q["lang"] == [lang] and q["role"] == ["grant_manager"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_period_presets_set_the_slider_and_the_link(demo_warehouse, monkeypatch, lang):
    at = run_app(demo_warehouse, monkeypatch, lang=lang)
    box = next(s for s in at.selectbox if s.key.startswith("f_preset"))
    assert box.value == "last_12"  # the default period is the latest twelve months
    box.select("year_2024").run()
    assert not at.exception
    f = at.session_state["ctx"].filters
    assert (f.month_from, f.month_to) == (date(2024, 1, 1), date(2024, 12, 1))
    assert _param(at, "from") == "2024-01" and _param(at, "to") == "2024-12"
    box = next(s for s in at.selectbox if s.key.startswith("f_preset"))
    assert box.value == "year_2024"
    box.select("grant_after").run()
    f = at.session_state["ctx"].filters
    grant = at.session_state["ctx"].warehouse.run("kwf_grant_start")["first_start"][0]
    assert f.month_from == grant.replace(day=1) and f.n_months == 12
    note = "12 maanden vanaf de start" if lang == "nl" else "12 months from the start"
    assert any(note in c.value for c in at.caption)
    # a slider moved by hand shows "custom" again, and the link reproduces that view
    at.select_slider(key="f_period").set_value((date(2024, 2, 1), date(2024, 7, 1))).run()
    box = next(s for s in at.selectbox if s.key.startswith("f_preset"))
    assert box.value == "custom"
    again = run_app(demo_warehouse, monkeypatch, lang=lang, **{"from": "2024-02", "to": "2024-07"})
    assert again.session_state["ctx"].filters == at.session_state["ctx"].filters


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overview_opens_with_three_key_messages(demo_warehouse, monkeypatch, lang):
    at = run_app(demo_warehouse, monkeypatch, lang=lang)
    bullets = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert len(bullets) == 3
    visits = {m.label: m.value for m in at.metric}["Bezoeken" if lang == "nl" else "Visits"]
    assert visits in bullets[0]  # the same figure as the tile
    assert "%" in bullets[1] and "%" in bullets[2]  # reach; the effect with its range


@pytest.mark.parametrize(("lang", "role"), [("nl", "coordinator"), ("en", "grant_manager")])
def test_own_centre_view_and_before_after(demo_warehouse, monkeypatch, lang, role):
    at = run_app(
        demo_warehouse,
        monkeypatch,
        page="centres",
        lang=lang,
        role=role,
        as_centre="C004",
        centre="C004",
        peers="size",
    )
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert ("percentiel" if lang == "nl" else "percentile") in text
    assert ("43 maanden geleden" if lang == "nl" else "43 months ago") in text
    year = at.dataframe[0].value
    assert year.shape == (6, 4)
    ba = next(d.value for d in at.dataframe if d.value.shape[0] == 5)
    assert ba.shape[1] == 7
    assert any(("95%" in c) for c in ba.columns)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_grants_page_for_grant_managers(demo_warehouse, monkeypatch, demo_extract, lang):
    raw = pl.read_parquet(demo_extract / "grants" / "*.parquet")
    at = run_app(demo_warehouse, monkeypatch, page="grants", lang=lang, role="grant_manager")
    assert not at.exception
    first = at.dataframe[0].value
    assert first.shape[0] == raw.height
    label = "Subsidies" if lang == "nl" else "Grants"
    assert {m.label: m.value for m in at.metric}[label] == fmt_int(raw.height, lang)
    at.text_input(key="u_q").input("Toon Hermans").run()
    assert _param(at, "q") == "Toon Hermans"
    shown = at.dataframe[0].value
    assert 0 < shown.shape[0] < raw.height
    at.multiselect(key="u_funder").select("kwf").run()
    assert _param(at, "funder") == "kwf"
    assert len(at.get("plotly_chart")) == 2  # the KWF programme: people and money
    # a link reproduces the search
    again = run_app(
        demo_warehouse,
        monkeypatch,
        page="grants",
        lang=lang,
        role="grant_manager",
        q="Toon Hermans",
        funder="kwf",
    )
    assert again.dataframe[0].value.equals(at.dataframe[0].value)
    # one centre's grants on its view
    one = run_app(
        demo_warehouse, monkeypatch, page="grants", lang=lang, role="grant_manager", centre="C004"
    )
    assert one.dataframe[0].value.shape[0] == raw.filter(pl.col("centre_id") == "C004").height


# --- the PDF pack --------------------------------------------------------------------------


@pytest.mark.skipif(not pdfdeck.pdf_available(), reason="needs chromium")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_pack_has_the_same_slides_as_the_deck(wh, monkeypatch, lang):
    from dashboard.present.boardpack import build_deck, slide_texts

    # Without charts (kaleido's PNGs take most of the time); both formats then say so alike.
    monkeypatch.setattr(export, "png_available", lambda: False)
    cat = load_catalog(wh)
    f = parse_filters({"from": "2025-01", "to": "2025-12", "centre": "C004"}, cat)[0]
    pptx = slide_texts(build_deck(wh, cat, f, lang))
    pdf = pdfdeck.pdf_texts(build_deck(wh, cat, f, lang, fmt="pdf"))
    assert len(pdf) == len(pptx)

    def words(text: str) -> list[str]:
        return unicodedata.normalize("NFKC", text).split()  # PDF ligatures to letters

    banner = "Synthetische" if lang == "nl" else "Synthetic"
    for slide, page in zip(pptx, pdf, strict=True):
        page_words = set(words(page))
        missing = [w for w in words(slide) if w not in page_words]
        assert not missing, missing[:10]
        assert banner in page


@pytest.mark.skipif(not pdfdeck.pdf_available(), reason="needs chromium")
def test_cli_writes_the_pdf_pack(demo_warehouse, tmp_path, monkeypatch, capsys):
    from dashboard import cli

    monkeypatch.setattr(export, "png_available", lambda: False)
    out = tmp_path / "pack.pdf"
    code = cli.main(
        [
            "boardpack",
            "--period",
            "2025-01:2025-12",
            "--lang",
            "en",
            "--pdf",
            "--out",
            str(out),
            "--warehouse",
            str(demo_warehouse),
        ]
    )
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    pages = [unicodedata.normalize("NFKC", p) for p in pdfdeck.pdf_texts(out.read_bytes())]
    assert "Key figures" in pages[1] and all("Synthetic" in p for p in pages)


def test_centre_windows_match_an_independent_count(wh, demo_extract):
    """The distinct guests and shares behind a centre's before/after, from the raw files."""
    tables = independent.load(demo_extract)
    start, end = date(2022, 3, 1), date(2023, 2, 1)
    rows = queries.centre_windows(wh, start, end)
    for centre in ("C004", "C020"):
        row = rows.filter(pl.col("centre_id") == centre).row(0, named=True)
        truth = independent.kpis(tables, start, end, centre=centre)
        assert row["guests"] == truth["guests"]
        assert row["male"] / row["gender_known"] == pytest.approx(truth["share_male"])
        assert row["youth"] / row["age_known"] == pytest.approx(truth["share_youth"])
