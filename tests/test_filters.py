"""URL values to filters: validated, never raising, round-tripping."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.metrics.filters import (
    Catalog,
    Centre,
    Filters,
    add_months,
    parse_filters,
    parse_month,
    whole_quarters,
)

MONTHS = tuple(
    date(y, m, 1)
    for y in range(2019, 2027)
    for m in range(1, 13)
    if date(y, m, 1) <= date(2026, 10, 1)
)
CAT = Catalog(
    months=MONTHS,
    centres={
        "C001": Centre("C001", "Toon Hermans Huis Sittard", "Sittard", "Limburg"),
        "C002": Centre("C002", "PISA", "Hoorn", "Noord-Holland"),
    },
)
HOSTILE = [
    "'; drop table visits; --",
    "<script>alert(1)</script>",
    "x" * 10_000,
    "2024-13",
    "0000-00",
    "../../etc/passwd",
    "C001' OR '1'='1",
    "\x00",
    "",
    "2024-02-30",
]


def _valid(f: Filters) -> None:
    assert f.month_from in MONTHS and f.month_to in MONTHS and f.month_from <= f.month_to
    assert f.province is None or f.province in CAT.provinces
    assert f.centre is None or f.centre in CAT.centres
    if f.centre:
        assert f.province == CAT.centres[f.centre].province


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "province", "centre", "other"]),
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(HOSTILE),
            st.lists(st.text(max_size=10), max_size=3),
        ),
    )
)
def test_any_url_gives_valid_filters(params):
    f, _messages = parse_filters(params, CAT)
    _valid(f)


def test_hostile_values_are_refused_with_a_message():
    for value in HOSTILE:
        f, messages = parse_filters({"centre": value, "province": value, "from": value}, CAT)
        _valid(f)
        if value:
            assert messages, value
        assert f.centre is None and f.province is None


def test_round_trip():
    f = Filters(date(2023, 2, 1), date(2024, 1, 1), "Limburg", "C001")
    assert parse_filters(f.to_params(), CAT) == (f, [])
    g = Filters(date(2019, 1, 1), date(2026, 10, 1))
    assert parse_filters(g.to_params(), CAT) == (g, [])


def test_defaults_and_corrections():
    f, messages = parse_filters({}, CAT)
    assert (f.month_from, f.month_to) == (date(2025, 11, 1), date(2026, 10, 1)) and not messages
    f, messages = parse_filters({"from": "2026-01", "to": "2025-01"}, CAT)
    assert (f.month_from, f.month_to) == (date(2025, 1, 1), date(2026, 1, 1))
    assert messages == ["period_reversed"]
    f, messages = parse_filters({"from": "2010-01"}, CAT)
    assert f.month_from == date(2019, 1, 1) and messages == ["month_out_of_range:from"]
    f, messages = parse_filters({"province": "Limburg", "centre": "C002"}, CAT)
    assert f.province == "Noord-Holland" and messages == ["centre_outside_province"]
    f, _ = parse_filters({"centre": "C001"}, CAT)
    assert f.province == "Limburg"


def test_previous_period_has_equal_length():
    f = Filters(date(2024, 3, 1), date(2025, 2, 1))
    p = f.previous()
    assert (p.month_from, p.month_to) == (date(2023, 3, 1), date(2024, 2, 1))
    assert p.n_months == f.n_months == 12
    assert f.period_end == date(2025, 2, 28)


def test_parse_month():
    assert parse_month("2024-03") == date(2024, 3, 1)
    assert parse_month("2024-03-31") == date(2024, 3, 1)
    assert parse_month("2024-3") is None
    assert parse_month(None) is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_hostile_values_reach_sql_only_as_bound_parameters(demo_warehouse_for_fuzz, a, b):
    """Whatever string arrives as a province or centre, the query treats it as a value: it
    finds nothing (or the real place), never errors, never changes the warehouse."""
    wh = demo_warehouse_for_fuzz
    frame = wh.run(
        "kpi_period",
        month_from=date(2024, 1, 1),
        month_to=date(2024, 12, 1),
        guests_from=date(2024, 1, 1),
        guests_to=date(2024, 12, 1),
        survey_from=date(2024, 1, 1),
        survey_to=date(2024, 12, 1),
        round_to=5,
        centre_month=date(2024, 12, 1),
        province=a,
        centre=b,
        level="province",
        key=a,
    )
    assert frame.height == 1
    assert frame["visits"][0] == 0 or (a in CAT.provinces or b in CAT.centres)
    assert wh.run("catalog_months").height > 0


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 120), st.integers(0, 30))
def test_survey_months_are_the_whole_quarters_inside_the_period(start, length):
    a = add_months(date(2018, 1, 1), start)
    b = add_months(a, length)
    first, last = whole_quarters(a, b)
    inside = [  # every quarter start whose three months lie in [a, b]
        q
        for q in (add_months(date(2017, 1, 1), 3 * k) for k in range(60))
        if a <= q and add_months(q, 2) <= b
    ]
    if not inside:
        assert first > last
    else:
        assert (first, last) == (inside[0], add_months(inside[-1], 2))
    assert Filters(a, b).survey_months == (a, b)  # nationally: the period itself
    assert Filters(a, b, "Limburg").survey_months == (first, last)
    assert Filters(a, b, "Limburg").round_to == 5 and Filters(a, b).round_to == 1


def test_the_survey_note_says_which_quarters_count():
    from dashboard.present.overview import survey_months_note

    year = Filters(date(2025, 1, 1), date(2025, 12, 1), "Limburg")
    assert survey_months_note(year, "nl") is None  # whole quarters: nothing to say
    assert survey_months_note(Filters(date(2025, 1, 1), date(2025, 12, 1)), "nl") is None
    rolling = Filters(date(2025, 11, 1), date(2026, 10, 1), "Limburg")
    note = survey_months_note(rolling, "nl")
    assert "jan 2026" in note and "sep 2026" in note
    assert survey_months_note(Filters(date(2025, 11, 1), date(2026, 10, 1)), "en") is None
    assert "Jan 2026" in survey_months_note(
        Filters(date(2025, 11, 1), date(2026, 10, 1)), "en", True
    )
    short = Filters(date(2025, 2, 1), date(2025, 3, 1), None, "C004")
    assert "geen heel kwartaal" in survey_months_note(short, "nl")


def test_a_real_province_a_viewer_may_not_see_is_not_called_unknown():
    """A coordinator's catalogue holds no province but their own (when they may see it): a
    link to another real province falls back to the country with a message saying it is not
    shown to them, not that it does not exist; a made-up one is unknown."""
    own_only = Catalog(months=MONTHS, centres={"C001": CAT.centres["C001"]}, province_choices=())
    f, messages = parse_filters({"province": "Limburg"}, own_only)
    assert f.province is None and messages == ["province_not_shown"]
    f, messages = parse_filters({"province": "Atlantis"}, own_only)
    assert f.province is None and messages == ["unknown_province"]
    assert parse_filters({"province": "Limburg"}, CAT)[1] == []
