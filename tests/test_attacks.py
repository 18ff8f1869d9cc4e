"""The attacks of a curious coordinator with a spreadsheet (issue 13), run against what the app
publishes. Each attack is written as the attacker would run it; each test first shows that the
attack works where its input is available (so the test can fail), then that the published
figures no longer give it what it needs.

The general check collects, for a coordinator and a period, every published figure that is a
sum of visits (national, province, centre; tiles, tables, trends, outlook, downloads use these
same functions), and asks an integer programme for the smallest and largest value a hidden
centre's visits can take given all of them: it must not be pinned to one value.
"""

from __future__ import annotations

import hashlib
from datetime import date

import numpy as np
import polars as pl
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from dashboard.constants import MIN_COUNT, ROUND_TO
from dashboard.metrics import coverage, queries
from dashboard.metrics.access import PLACE_COLUMNS, Viewer, anonymise, peer_labels
from dashboard.metrics.disclosure import MIN_PEERS
from dashboard.metrics.filters import Filters, add_months, whole_quarters
from dashboard.metrics.kpis import compute_kpis, wilson
from dashboard.metrics.peers import comparison, peer_ids
from dashboard.reference import load_places

SECRET = "a-test-deployment-secret"
OLD_SALT = "ipso-peers-v1"  # the salt that used to be in the source code
LAST_YEAR = Filters(date(2025, 11, 1), date(2026, 10, 1))


@pytest.fixture(scope="module")
def centres(wh) -> pl.DataFrame:
    return queries.load_centres(wh)


@pytest.fixture(scope="module")
def coordinators(wh, centres) -> dict[str, str]:
    """Three coordinators: of the only centre of a province, of the smallest centre and of the
    largest (by visits in the last year)."""
    per_province = centres.group_by("province").len()
    lonely = per_province.filter(pl.col("len") == 1)["province"].sort()[0]
    lonely_centre = centres.filter(pl.col("province") == lonely)["centre_id"][0]
    raw = _raw(wh, LAST_YEAR).filter(pl.col("visits") > 0).sort("visits")
    return {
        "one-centre province": lonely_centre,
        "small centre": raw["centre_id"][0],
        "large centre": raw["centre_id"][-1],
    }


def _raw(wh, f: Filters) -> pl.DataFrame:
    """The exact counts per centre: what the attacker is after."""
    guests_from, guests_to = wh.clamp(f.month_from, f.month_to)
    return wh.run(
        "centre_kpis",
        month_from=f.month_from,
        month_to=f.month_to,
        guests_from=guests_from,
        guests_to=guests_to,
        survey_from=f.month_from,
        survey_to=f.month_to,
        round_to=1,
        period_start=f.period_start,
        period_end=f.period_end,
    )


def _centre_months(wh, ids: list[str], first: date, last: date) -> pl.DataFrame:
    """Exact visits and guests per centre and month (centre, month, visits, guests), read
    straight from the warehouse tables, apart from the app's queries."""
    import duckdb

    con = duckdb.connect(str(wh.path), read_only=True)
    try:
        return con.sql(
            """
            select v.centre_id, v.month, v.visits, coalesce(g.guests, 0) as guests
            from monthly_centre as v
            left join guest_ranges as g
                on g.level = 'centre' and g.key = v.centre_id
                and g.m_from = v.month and g.m_to = v.month
            where list_contains($ids, v.centre_id) and v.month between $first and $last
            """,
            params={"ids": ids, "first": first, "last": last},
        ).pl()
    finally:
        con.close()


def _view(wh, f: Filters, own: str) -> pl.DataFrame:
    return queries.centre_table_for(wh, f, Viewer("coordinator", own), SECRET)


# 1. Re-identification by population ----------------------------------------------------------
def _population_attack(table: pl.DataFrame, places: pl.DataFrame) -> int:
    """population = 1000 x visits / visits per 1,000 inhabitants, matched to one place."""
    sizes = places.group_by("population").len().filter(pl.col("len") == 1)["population"]
    unique = set(sizes.to_list())
    found = 0
    for visits, rate in zip(table["visits"], table["visits_per_1000_inhabitants"], strict=True):
        if visits is None or rate is None or rate == 0:
            continue
        if round(1000 * visits / rate) in unique:
            found += 1
    return found


def test_peers_are_not_reidentified_by_population(wh, coordinators):
    places = load_places()
    named = queries.centre_table(wh, LAST_YEAR)  # what a national user sees, by name anyway
    assert _population_attack(named, places) > 50  # the attack works where rates are shown
    for own in coordinators.values():
        peers = _view(wh, LAST_YEAR, own).filter(pl.col("centre_id") != own)
        assert _population_attack(peers, places) == 0
        for column in [*PLACE_COLUMNS, "visits_per_1000_inhabitants"]:
            assert peers[column].null_count() == peers.height, column


# 2. Label reversal and linking views ----------------------------------------------------------
def test_labels_cannot_be_reversed_and_stay_the_same_in_every_view(wh, centres):
    ids = centres["centre_id"].to_list()
    labels = peer_labels(ids, SECRET)
    width = max(2, len(str(len(ids))))

    def numbered(order: list[str]) -> dict[str, str]:
        return {c: f"Peer {k + 1:0{width}d}" for k, c in enumerate(order)}

    guesses = {
        "old salt in the code": sorted(
            ids, key=lambda c: hashlib.sha256((OLD_SALT + c).encode()).digest()
        ),
        "plain hash": sorted(ids, key=lambda c: hashlib.sha256(c.encode()).digest()),
        "id order": sorted(ids),
    }
    assert numbered(guesses["old salt in the code"]) != labels
    for name, order in guesses.items():
        guessed = numbered(order)
        hits = sum(guessed[c] == labels[c] for c in ids)
        assert hits <= 5, (name, hits)  # about one by chance
    # the labels do not sort like the ids
    rank_id = np.argsort(np.argsort(ids))
    rank_label = np.argsort(np.argsort([labels[c] for c in ids]))
    assert abs(np.corrcoef(rank_id, rank_label)[0, 1]) < 0.3

    own = ids[0]
    views = [
        Filters(date(2023, 1, 1), date(2023, 12, 1)),
        LAST_YEAR,
        Filters(*[date(2020, 3, 1)] * 2),
    ]
    seen: dict[str, set[str]] = {}
    for f in views:
        table = queries.centre_table(wh, f).with_columns(pl.col("centre_id").alias("real"))
        anon = anonymise(table, Viewer("coordinator", own), ids, SECRET)
        for real, label in zip(anon["real"], anon["centre_id"], strict=True):
            seen.setdefault(real, set()).add(label)
    assert all(len(v) == 1 for v in seen.values())  # one label per centre in every period


# 3. Province figures in the outlook -----------------------------------------------------------
def test_outlook_provinces_are_rounded_hidden_and_small_areas_withheld(wh):
    cat = queries.load_catalog(wh)
    small = cat.small_areas()
    assert {"Groningen", "Zeeland"} <= small  # one centre each
    hidden_seen = 0
    for month in [date(2023, m, 1) for m in range(1, 13)]:
        f = Filters(month, month)
        raw = wh.run(
            "outlook_provinces",
            month_from=month,
            month_to=month,
            period_end=f.period_end,
            round_to=1,
        )
        for hide in (set(), small):
            total, published = queries.outlook_provinces(wh, f, hide)
            assert total["visits"][0] == raw["visits"].sum()  # the national row is exact
            both = raw.join(published, on="province", suffix="_pub")
            for r in both.iter_rows(named=True):
                hidden = r["guests"] < MIN_COUNT or r["province"] in hide
                for c in ("guests", "visits", "volunteers", "coordinators"):
                    if hidden:
                        assert r[f"{c}_pub"] is None, (month, r["province"], c)
                    elif c != "coordinators":
                        assert r[f"{c}_pub"] % ROUND_TO == 0 and abs(r[f"{c}_pub"] - r[c]) <= 2
                hidden_seen += hidden
    # Groningen's one centre opened in June 2023: 5 guests and 44 visits that month
    june = queries.outlook_provinces(wh, Filters(date(2023, 6, 1), date(2023, 6, 1)))[1]
    assert june.filter(pl.col("province") == "Groningen")["visits"][0] is None
    assert hidden_seen > 0


# 4. Band algebra ------------------------------------------------------------------------------
def test_peer_bands_give_no_peer_value_back(wh, centres):
    ids = centres["centre_id"].to_list()
    own, few, many = ids[0], ids[1:3], ids[1:8]
    first, last = date(2024, 1, 1), date(2024, 12, 1)
    for peers in ([ids[1]], few):
        trend = queries.centre_trend(wh, own, peers, first, last)
        # with two peers a = (3 p25 - p75) / 2 gave both values; now there is no band at all
        assert trend["peer_median"].null_count() == trend.height
        assert trend["peer_p25"].null_count() == trend.height
    trend = queries.centre_trend(wh, own, many, first, last)
    assert trend["peer_median"].null_count() < trend.height
    # the band is computed from the peers' published (rounded) monthly visits only
    monthly = _centre_months(wh, many, first, last)
    for row in trend.iter_rows(named=True):
        part = monthly.filter((pl.col("month") == row["month"]) & (pl.col("guests") >= MIN_COUNT))
        published = np.floor(part["visits"].to_numpy() / ROUND_TO + 0.5) * ROUND_TO
        if len(published) < MIN_PEERS:
            assert row["peer_median"] is None
            continue
        assert row["peer_p25"] == pytest.approx(np.quantile(published, 0.25))
        assert row["peer_median"] == pytest.approx(np.median(published))
        assert row["peer_p75"] == pytest.approx(np.quantile(published, 0.75))
    table = queries.centre_table(wh, LAST_YEAR)
    comp = comparison(table, own, few, ["visits"])
    assert comp["peer_median"][0] is None and comp["peer_p25"][0] is None


# 5. Wilson inversion and full-precision rates -------------------------------------------------
def _wilson_attack(share, lo, hi, n_shown, digits: int | None) -> set[tuple[int, int]]:
    """Every (k, n) near the shown n whose share and Wilson bounds are what the table says, at
    the precision shown (`digits` after the point of a percentage; None: full precision)."""

    def same(a: float, b: float) -> bool:
        if digits is None:
            return abs(a - b) < 1e-9
        scale = 100 * 10**digits  # halves up, as the app rounds (Python's round() goes to even)
        return np.floor(a * scale + 0.5 + 1e-9) == np.floor(b * scale + 0.5 + 1e-9)

    found = set()
    for n in range(max(1, n_shown - 10), n_shown + 11):
        for k in range(n + 1):
            a, b = wilson(k, n)
            if same(k / n, share) and same(a, lo) and same(b, hi):
                found.add((k, n))
    return found


def _published_survey_counts(wh, f: Filters, yes: str, n: str) -> dict[str, tuple[int, int]]:
    """Per centre, the survey counts as the Methodology page says they are published below the
    national total: the sum of the rounded cells of the whole calendar quarters in the period,
    computed here straight from the warehouse table."""
    import duckdb

    start, end = whole_quarters(f.month_from, f.month_to)
    con = duckdb.connect(str(wh.path), read_only=True)
    try:
        frame = con.sql(
            f"""
            with q as (
                select centre_id, date_trunc('quarter', month) as quarter,
                    sum({yes}) as k, sum({n}) as n
                from monthly_surveys where month between $start and $end
                group by all
            )
            select centre_id, sum(floor(k / 5 + 0.5) * 5)::int as k,
                sum(floor(n / 5 + 0.5) * 5)::int as n
            from q group by centre_id
            """,
            params={"start": start, "end": end},
        ).pl()
    finally:
        con.close()
    return {c: (k, m) for c, k, m in frame.iter_rows()}


def test_wilson_bounds_and_rates_give_no_exact_count_back(wh):
    table = queries.centre_table(wh, LAST_YEAR).sort("centre_id")
    raw = _raw(wh, LAST_YEAR).sort("centre_id")
    assert table["centre_id"].to_list() == raw["centre_id"].to_list()
    old = beyond = tried = 0
    cells = _published_survey_counts(wh, LAST_YEAR, "qol_yes", "qol_n")
    for t, r in zip(table.iter_rows(named=True), raw.iter_rows(named=True), strict=True):
        if t["quality_of_life_improved"] is None:
            continue
        tried += 1
        k, n = r["qol_yes"], r["qol_n"]
        # what the old table showed: full-precision share and bounds from the exact counts
        a, b = wilson(k, n)
        old += _wilson_attack(k / n, a, b, round5(n), None) == {(k, n)}
        # what it shows now
        found = _wilson_attack(
            t["quality_of_life_improved"],
            t["quality_of_life_improved__lo"],
            t["quality_of_life_improved__hi"],
            t["quality_of_life_improved__n"],
            0,
        )
        published = cells[r["centre_id"]]
        assert published in found  # they are the published counts, and nothing finer
        beyond += found == {(k, n)} and (k, n) != published
        for c in ("", "__lo", "__hi"):  # whole percents
            v = t[f"quality_of_life_improved{c}"]
            assert v == pytest.approx(round(100 * v) / 100)
    assert tried > 50 and old == tried and beyond == 0, (tried, old, beyond)
    # visits per 1,000 inhabitants x population gives the published visits, nothing finer
    shown = table.filter(pl.col("visits").is_not_null())
    back = (shown["visits_per_1000_inhabitants"] * shown["population"] / 1000).round(6)
    assert (back == shown["visits"].cast(pl.Float64)).all()
    exact = raw.filter(pl.col("centre_id").is_in(shown["centre_id"].to_list()))["visits"]
    assert (back - exact).abs().max() > 0
    assert compute_kpis(wh, LAST_YEAR).kpis["visits"].value == raw["visits"].sum()


def round5(value: int) -> int:
    return int((value / ROUND_TO + 0.5) // 1 * ROUND_TO)


# 6. Subtraction from the national total -------------------------------------------------------
def test_national_minus_every_shown_centre_leaves_the_hidden_one_open(wh, centres):
    ids = centres["centre_id"].to_list()
    for month in _months_with_hidden_centres(wh):
        f = Filters(month, month)
        raw = _raw(wh, f)
        national = compute_kpis(wh, f).kpis["visits"].value
        table = queries.centre_table(wh, f)  # published, as every role gets it
        shown = table.filter(pl.col("visits").is_not_null())
        hidden = raw.filter(~pl.col("centre_id").is_in(shown["centre_id"].to_list()))
        exact_shown = raw.filter(pl.col("centre_id").is_in(shown["centre_id"].to_list()))
        # with exact figures (the old app) the subtraction gave the hidden visits exactly
        assert national - exact_shown["visits"].sum() == hidden["visits"].sum()
        # with published figures it only narrows them to an interval 4 per shown centre wide
        estimate = national - shown["visits"].sum()
        width = 2 * (ROUND_TO // 2) * shown.height
        truth = hidden["visits"].sum()
        assert estimate - width // 2 <= truth <= estimate + width // 2
        assert width >= 4 and len(ids) > shown.height


# The general check: everything a coordinator is shown for a period, together -------------------
def _months_with_hidden_centres(wh, limit: int = 3) -> list[date]:
    monthly = _centre_months(
        wh, queries.load_centres(wh)["centre_id"].to_list(), date(2019, 1, 1), date(2026, 10, 1)
    )
    small = monthly.filter((pl.col("guests") > 0) & (pl.col("guests") < MIN_COUNT))
    months = sorted(set(small["month"].to_list()))
    step = max(1, len(months) // limit)
    return months[::step][:limit]


def _published_visit_sums(wh, f: Filters, own: str, centres: pl.DataFrame):
    """Every figure a coordinator of `own` is shown for period `f` that is a sum of centres'
    visits, as (set of atoms, value, how), an atom being (centre id, month) and `how` either
    True (exact) or the cells whose rounded values it adds up (one per month: the place's
    atoms of that month), as the Methodology page says it is published. Labels are mapped back
    with the secret, which only makes the attacker stronger."""
    viewer = Viewer("coordinator", own)
    mine = queries.load_catalog(wh).for_viewer(viewer)
    ids = centres["centre_id"].to_list()
    real_of = {v: k for k, v in peer_labels(ids, SECRET).items()}
    months = []
    m = f.month_from
    while m <= f.month_to:
        months.append(m)
        m = add_months(m, 1)

    def atoms(members) -> frozenset:
        return frozenset((c, month) for c in members for month in months)

    def cells(members) -> tuple[frozenset, ...]:
        return tuple(frozenset((c, month) for c in members) for month in months)

    by_province = {p: part["centre_id"].to_list() for (p,), part in centres.group_by("province")}
    out = []
    national = compute_kpis(wh, f).kpis["visits"].value
    out.append((atoms(ids), national, True))  # overview tile, exact
    trend = queries.visits_by_month(wh, f, f.month_from, f.month_to)  # national trend, exact
    for month, visits in zip(trend["month"], trend["visits"], strict=True):
        out.append((frozenset((c, month) for c in ids), visits, True))
    table = queries.centre_table_for(wh, f, viewer, SECRET)  # centres page, downloads, map
    for label, visits in zip(table["centre_id"], table["visits"], strict=True):
        if visits is not None:
            out.append(
                (atoms([real_of.get(label, label)]), visits, cells([real_of.get(label, label)]))
            )
    for province in mine.provinces:  # the own province as a filter: tiles
        kp = compute_kpis(wh, Filters(f.month_from, f.month_to, province)).kpis["visits"]
        if kp.value is not None:
            out.append((atoms(by_province[province]), kp.value, cells(by_province[province])))
    own_kpis = compute_kpis(wh, Filters(f.month_from, f.month_to, None, own)).kpis["visits"]
    if own_kpis.value is not None:
        out.append((atoms([own]), own_kpis.value, cells([own])))
    _, outlook = queries.outlook_provinces(wh, f, set(mine.hidden_areas))
    for province, visits in zip(outlook["province"], outlook["visits"], strict=True):
        if visits is not None:
            out.append(
                (atoms(by_province.get(province, [])), visits, cells(by_province.get(province, [])))
            )
    return out


def _feasible_range(atoms: list, published, target: frozenset, upper: int):
    """Smallest and largest integer value of the sum over `target` atoms consistent with every
    published sum: exact ones as equalities, the others as sums of rounded cells (each cell a
    multiple of ROUND_TO within 2 of the sum of its atoms)."""
    index = {a: k for k, a in enumerate(atoms)}
    cell_index: dict[frozenset, int] = {}
    for _, _, how in published:
        if how is not True:
            for cell in how:
                cell_index.setdefault(cell, len(atoms) + len(cell_index))
    width = len(atoms) + len(cell_index)
    rows, lo, hi = [], [], []
    for members, value, how in published:
        row = np.zeros(width)
        if how is True:
            for a in members:
                row[index[a]] = 1
        else:
            for cell in how:
                row[cell_index[cell]] += ROUND_TO
        rows.append(row)
        lo.append(value)
        hi.append(value)
    for cell, k in cell_index.items():  # -2 <= (sum of the cell's atoms) - 5 k <= 2
        row = np.zeros(width)
        for a in cell:
            row[index[a]] = 1
        row[k] = -ROUND_TO
        rows.append(row)
        lo.append(-(ROUND_TO // 2))
        hi.append(ROUND_TO // 2)
    constraint = LinearConstraint(np.array(rows), lo, hi)
    bounds = Bounds(
        np.concatenate([np.zeros(len(atoms)), np.full(len(cell_index), -1)]),
        np.full(width, upper),
    )
    result = []
    for sign in (1, -1):
        c = np.zeros(width)
        for a in target:
            c[index[a]] = sign
        res = milp(c, constraints=constraint, bounds=bounds, integrality=np.ones(width))
        assert res.success, res.message
        result.append(sign * res.fun)
    return result[0], result[1]


def test_no_hidden_cell_is_derivable_from_everything_published(wh, centres, coordinators):
    """For each coordinator and each of three months with hidden centres: every view of that
    month and of the overlapping periods around it (the month before and after, and the three
    together; differencing overlapping periods is the classic attack) goes into one table of
    (centre, month) atoms. No hidden cell of any of those views may be pinned to one value."""
    ids = centres["centre_id"].to_list()
    checked = 0
    for month in _months_with_hidden_centres(wh):
        before, after = add_months(month, -1), add_months(month, 1)
        views = [
            Filters(month, month),
            Filters(before, month),
            Filters(month, after),
            Filters(before, after),
        ]
        months = [before, month, after]
        atoms = [(c, m) for c in ids for m in months]
        raws = {f: _raw(wh, f) for f in views}
        upper = int(raws[views[-1]]["visits"].max()) * 2
        # a stronger attacker than any: told which centres had no visit at all in a month
        active = _centre_months(wh, ids, before, after)
        busy = set(zip(active["centre_id"], active["month"], strict=True))
        zeros = [(frozenset([a]), 0, True) for a in atoms if a not in busy]
        for own in coordinators.values():
            published = zeros + [
                p for f in views for p in _published_visit_sums(wh, f, own, centres)
            ]
            exact_rows = np.array(
                [[1.0 if a in m else 0.0 for a in atoms] for m, _, e in published if e is True]
            )
            rank = np.linalg.matrix_rank(exact_rows)
            for f in views:
                raw = raws[f]
                hidden = raw.filter((pl.col("guests") > 0) & (pl.col("guests") < MIN_COUNT))
                for target, truth in zip(hidden["centre_id"], hidden["visits"], strict=True):
                    cells = frozenset(
                        (target, m) for m in months if f.month_from <= m <= f.month_to
                    )
                    # linear algebra: the hidden cell is no combination of the exact figures
                    unit = np.array([[1.0 if a in cells else 0.0 for a in atoms]])
                    assert np.linalg.matrix_rank(np.vstack([exact_rows, unit])) > rank
                    # and adding every rounded figure does not pin it down either
                    low, high = _feasible_range(atoms, published, cells, upper)
                    assert low <= truth <= high, (own, f, target)  # the check is sound
                    assert high - low >= 1, (own, f, target, low, high)
                    checked += 1
        # the check has teeth: with the exact figures the old app showed, the hidden centres'
        # visits of the month are pinned down
        raw = raws[views[0]]
        shown = raw.filter(pl.col("guests") >= MIN_COUNT)
        old_app = [(frozenset((c, month) for c in ids), int(raw["visits"].sum()), True)] + [
            (frozenset([(c, month)]), v, True)
            for c, v in zip(shown["centre_id"], shown["visits"], strict=True)
        ]
        hidden_cells = frozenset((c, month) for c in ids if c not in set(shown["centre_id"]))
        low, high = _feasible_range(atoms, old_app, hidden_cells, upper)
        assert low == high
    assert checked >= 3 * len(coordinators)


# 7. Trilateration -----------------------------------------------------------------------------
def _trilaterate(points: pl.DataFrame, centres: pl.DataFrame) -> int:
    """From places with their distance to the nearest centre: grid points that are at most
    that far from a place that is close (< 15 km), ranked by how many places agree; how many
    real centres lie within 2 km of the top 12 candidates."""
    lat = np.arange(50.75, 53.55, 0.02)
    lon = np.arange(3.4, 7.2, 0.03)
    glat, glon = np.meshgrid(lat, lon, indexing="ij")
    glat, glon = glat.ravel(), glon.ravel()
    score = np.zeros(glat.size)
    rows = zip(points["latitude"], points["longitude"], points["nearest_km"], strict=True)
    for p_lat, p_lon, km in rows:
        d = coverage.nearest_km(glat, glon, np.array([p_lat]), np.array([p_lon]))
        score += np.abs(d - km) < 1.0
    top = np.argsort(-score)[:12]
    d = np.array(
        [
            coverage.nearest_km(
                np.array([glat[i]]),
                np.array([glon[i]]),
                centres["latitude"].to_numpy(),
                centres["longitude"].to_numpy(),
            )[0]
            for i in top
        ]
    )
    return int((d < 2).sum())


def test_blind_spots_do_not_locate_centres(wh, centres):
    nearest = coverage.with_distance(queries.places(wh), centres)
    old_output = coverage.blind_spots(nearest, 0, top=150).join(
        nearest.select("name", "province", "latitude", "longitude"), on=["name", "province"]
    )
    assert _trilaterate(old_output, centres) >= 3  # place-level distances do locate centres
    bands = coverage.distance_bands(nearest)  # what a coordinator sees instead
    assert bands.columns == ["from_km", "to_km", "places", "population"]
    assert bands["from_km"].to_list() == [20, 30, 40, 50]
    assert bands["places"].sum() == nearest.filter(pl.col("nearest_km") > 20).height


def test_peer_lists_for_a_coordinator_exclude_place_based_groups(wh, coordinators):
    from dashboard.metrics.peers import peer_groups, rank_kpis

    assert peer_groups(False, True) == ("all", "province")
    assert peer_groups(False, False) == ("all",)
    assert "visits_per_1000_inhabitants" not in rank_kpis(False)
    own = coordinators["one-centre province"]
    view = _view(wh, LAST_YEAR, own)
    province = view.filter(pl.col("centre_id") == own)["province"][0]
    others = view.filter(pl.col("centre_id") != own)
    assert province not in others["province"].to_list()
    assert peer_ids(view, own, "province") == []
    assert add_months(LAST_YEAR.month_to, -11) == LAST_YEAR.month_from


def test_the_collector_reads_what_the_page_shows(demo_warehouse, wh, coordinators, monkeypatch):
    """The derivation check reads the published figures through the functions the pages call;
    here the centres page itself, as a coordinator, shows exactly those visits."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP, PAGE

    own = coordinators["small centre"]
    viewer = Viewer("coordinator", own)
    month = next(  # a month in which a centre the coordinator is shown is hidden
        m
        for m in _months_with_hidden_centres(wh, limit=24)
        if queries.centre_table_for(wh, Filters(m, m), viewer, SECRET)["visits"].null_count()
    )
    f = Filters(month, month)
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(
        {
            "role": "coordinator",
            "as_centre": own,
            "centre": own,
            "from": f"{month:%Y-%m}",
            "to": f"{month:%Y-%m}",
        }
    )
    at.run()
    at.switch_page(PAGE["centres"]).run()
    assert not at.exception
    # the table of all centres: headers and figures as shown (Dutch, a dash for a hidden one)
    listing = next(d.value for d in at.dataframe if "Bekijk" in d.value.columns)
    shown = sorted(int(v.replace(".", "")) for v in listing["Bezoeken"] if v != "–")
    collected = queries.centre_table_for(wh, f, Viewer("coordinator", own), SECRET)
    assert shown == sorted(collected["visits"].drop_nulls().to_list())
    assert len(shown) < collected.height  # some centres are hidden that month


# 8. Overlapping periods -----------------------------------------------------------------------
def _periods(first: date, n: int) -> list[Filters]:
    """Every period of whole months inside the n months from `first` (n(n+1)/2 of them)."""
    months = [add_months(first, k) for k in range(n)]
    return [Filters(a, b) for i, a in enumerate(months) for b in months[i:]]


def _pin_month(sums: dict, months: list[date], target: date, cells: bool):
    """The smallest and largest value of one month's visits given published period sums
    {(from, to): value}, or None when the model cannot explain them. `cells=False` models each
    sum as the exact sum rounded on its own (the old app); `cells=True` as a sum of rounded
    monthly cells, each within 2 of its month (the app now)."""
    n = len(months)
    width = 2 * n if cells else n
    rows, lo, hi = [], [], []
    for (a, b), value in sums.items():
        row = np.zeros(width)
        for k, m in enumerate(months):
            if a <= m <= b:
                row[n + k if cells else k] = ROUND_TO if cells else 1
        rows.append(row)
        half = 0 if cells else ROUND_TO // 2
        lo.append(value - half)
        hi.append(value + half)
    if cells:  # each month within 2 of its rounded cell: -2 <= x - 5k <= 2
        for k in range(n):
            row = np.zeros(width)
            row[k], row[n + k] = 1, -ROUND_TO
            rows.append(row)
            lo.append(-(ROUND_TO // 2))
            hi.append(ROUND_TO // 2)
    constraint = LinearConstraint(np.array(rows), lo, hi)
    bounds = Bounds(np.zeros(width), np.full(width, 10_000))
    out = []
    for sign in (1, -1):
        c = np.zeros(width)
        c[months.index(target)] = sign
        res = milp(c, constraints=constraint, bounds=bounds, integrality=np.ones(width))
        if not res.success:
            return None
        out.append(round(sign * res.fun))
    return out[0], out[1]


def test_overlapping_periods_give_no_hidden_month_back(wh, centres, coordinators):
    """The attack an independent reviewer ran: the centre table downloaded for every period
    inside eight months (36 periods), each peer's visits given to an integer solver. With every
    period rounded on its own it pinned a peer's hidden month to its exact visits; with sums of
    rounded monthly cells no model of the rounding pins it."""
    ids = centres["centre_id"].to_list()
    own = coordinators["large centre"]
    real_of = {v: k for k, v in peer_labels(ids, SECRET).items()}
    monthly = _centre_months(wh, ids, date(2019, 1, 1), date(2026, 10, 1))
    small = monthly.filter((pl.col("guests") > 0) & (pl.col("guests") < MIN_COUNT))
    established = queries.load_catalog(wh).established()
    tried = pinned_before = 0
    for target, month in zip(small["centre_id"], small["month"], strict=True):
        if target == own or target not in established or pinned_before >= 1 or tried >= 8:
            continue
        first = add_months(month, -3)
        if first < date(2019, 1, 1) or add_months(first, 7) > date(2026, 10, 1):
            continue
        tried += 1
        months = [add_months(first, k) for k in range(8)]
        cells = monthly.filter(pl.col("centre_id") == target).sort("month")
        exact = dict(zip(cells["month"], cells["visits"], strict=True))
        truth = exact.get(month, 0)
        old = {}
        for f in _periods(first, 8):
            raw = _raw(wh, f).filter(pl.col("centre_id") == target).row(0, named=True)
            if raw["guests"] >= MIN_COUNT:  # the old app: the period's exact sum, rounded
                old[(f.month_from, f.month_to)] = int(np.floor(raw["visits"] / ROUND_TO + 0.5))
                old[(f.month_from, f.month_to)] *= ROUND_TO
        before = _pin_month(old, months, month, cells=False)
        if before is None or before[0] != before[1]:
            continue  # (the old attack needs luck with the rounding; the next month may do)
        assert before == (truth, truth)  # the attack worked on the old app
        pinned_before += 1
        now = {}  # the same 36 downloads from the app as it is
        for f in _periods(first, 8):
            view = _view(wh, f, own)
            row = view.filter(
                pl.col("centre_id").replace_strict(real_of, default=pl.col("centre_id")) == target
            )
            if row.height and row["visits"][0] is not None:
                now[(f.month_from, f.month_to)] = int(row["visits"][0])
        for model in (False, True):
            found = _pin_month(now, months, month, cells=model)
            assert found is None or found[0] < found[1] or found[0] != truth, (
                target,
                month,
                model,
                found,
                truth,
            )
        # the published sums are sums of rounded monthly cells: nothing beyond the months
        assert all(v % ROUND_TO == 0 for v in now.values())
    assert pinned_before >= 1, "no hidden month the old attack could pin: the test has no teeth"


# 9. Opening months ----------------------------------------------------------------------------
def test_no_peer_appears_in_the_month_it_opened(wh, centres, coordinators):
    """Scanning one-month periods, a peer used to appear in the month its centre opened, which
    public opening dates name. A coordinator now sees the same peers in every period: only the
    centres open since the first month of data (their own centre apart)."""
    cat = queries.load_catalog(wh)
    own = coordinators["small centre"]
    established = cat.established()
    late = set(centres["centre_id"].to_list()) - established
    assert late  # the demo has centres that opened inside the data
    first_seen_old: dict[str, date] = {}
    listed = []
    for month in [*cat.months[::6], *(date(2023, m, 1) for m in range(1, 13))]:
        f = Filters(month, month)
        for c in queries.centre_table(wh, f)["centre_id"].to_list():
            first_seen_old[c] = min(first_seen_old.get(c, month), month)
        view = _view(wh, f, own)
        listed.append(frozenset(view["centre_id"].to_list()) - {own})  # their own: known
    dates = [d for c, d in first_seen_old.items() if c in late]
    assert len(set(dates)) >= 5  # the old listing dated the late centres
    assert len(set(listed)) == 1  # the same peers in every period
    labels = peer_labels(centres["centre_id"].to_list(), SECRET)
    assert not {labels[c] for c in late if c != own} & set(listed[0])
    assert len(listed[0]) == len(established - {own})


# 6. A peer band over centres the coordinator is not shown ----------------------------------
def test_trend_band_is_over_the_peers_the_coordinator_sees(wh):
    """The Centres trend's peer band (median, 25-75%, and the number of peers per month) for a
    coordinator is computed over the centres they see listed only, so it equals what they can
    compute from their own one-month tables. Over every centre, the band and its count of
    peers gave back the monthly visits of a centre opened later (not listed, named by its
    public opening date) when it was the only one missing from the listed values."""
    from dashboard.metrics import pagedata
    from dashboard.ui import cache

    cat = queries.load_catalog(wh)
    table = queries.centre_table(wh, LAST_YEAR)
    listed = cat.established()
    late = table.filter(~pl.col("centre_id").is_in(sorted(listed)))
    # a coordinator of an established centre in a province that also has a later centre
    province = late["province"].value_counts(sort=True)["province"][0]
    own = table.filter(
        (pl.col("province") == province) & pl.col("centre_id").is_in(sorted(listed))
    )["centre_id"][0]
    first, last = date(2024, 1, 1), date(2024, 12, 1)
    f = Filters(first, last, None, own)
    viewer = Viewer("coordinator", own)

    # the attack's input as it was: peers chosen over every centre of the province
    everyone = pagedata.centres(wh, f, "province", first, last).trend
    seen = cache.centres_page(wh, wh.version, viewer, f, "province", first, last).trend

    listed_counts = []
    for row in seen.iter_rows(named=True):
        month = row["month"]
        mine = queries.centre_table_for(wh, Filters(month, month), viewer, SECRET)
        peers = mine.filter((pl.col("province") == province) & (pl.col("centre_id") != own))[
            "visits"
        ].drop_nulls()
        listed_counts.append(peers.len())
        assert row["peers"] == peers.len(), month
        if peers.len() < MIN_PEERS:
            assert row["peer_median"] is None
            continue
        values = np.sort(peers.to_numpy().astype(float))
        assert row["peer_median"] == pytest.approx(np.median(values))
        assert row["peer_p25"] == pytest.approx(np.quantile(values, 0.25))
        assert row["peer_p75"] == pytest.approx(np.quantile(values, 0.75))
    # over every centre the band counted a peer the coordinator does not see
    assert any(a > b for a, b in zip(everyone["peers"].to_list(), listed_counts, strict=True))


# 7. Other provinces' series beside the peers' ----------------------------------------------
def test_coordinator_gets_no_series_of_another_province(wh):
    """Every province's twelve-month outlook, one month apart, gave each province's monthly
    visits, and the Demographics split by province each province's monthly guests; an integer
    solver matched those against the peers' monthly figures and placed 66 of 74 peers in their
    province (independent attack, 27 November). A coordinator now gets the series of no
    province but their own."""
    from dashboard.ui import cache

    cat = queries.load_catalog(wh)
    large = [p for p in cat.provinces if p not in cat.small_areas()]
    # a province the coordinator may see: every centre of it listed to them
    own_province = next(
        p
        for p in large
        if all(c.centre_id in cat.established() for c in cat.centres.values() if c.province == p)
    )
    other = next(p for p in large if p != own_province)
    own = next(
        c.centre_id
        for c in cat.centres.values()
        if c.province == own_province and c.centre_id in cat.established()
    )
    coordinator = Viewer("coordinator", own)

    def provinces_with_visits(viewer) -> set[str]:
        published = cache.impact_page(wh, wh.version, viewer, LAST_YEAR).outlook[1]
        return set(published.filter(pl.col("visits").is_not_null())["province"].to_list())

    # the attack's input, as a national viewer still sees it
    assert set(large) <= provinces_with_visits(Viewer("national"))
    assert provinces_with_visits(coordinator) == {own_province}

    first, last = cat.months[0], cat.months[-1]
    mine = cache.demographic_trend(
        wh, wh.version, coordinator, "province", (own_province,), "month", first, last
    )
    assert set(mine["key"].to_list()) == {own_province}
    for keys in ((other,), (own_province, other)):
        with pytest.raises(PermissionError):
            cache.demographic_trend(
                wh, wh.version, coordinator, "province", keys, "month", first, last
            )


# 8. Own province minus the listed centres ---------------------------------------------------
def test_no_province_series_while_a_centre_of_it_is_not_listed(wh):
    """A province's monthly visits minus those of its listed centres (which carry the
    coordinator's province) left the one centre of it opened later, named by its public
    opening date, to within a few visits (independent attack, 27 November). A coordinator now
    gets their own province's figures only when every centre of it is listed to them."""
    from dashboard.ui import cache

    cat = queries.load_catalog(wh)
    listed = cat.established()
    large = [p for p in cat.provinces if p not in cat.small_areas()]

    def unlisted(province):
        return [
            c.centre_id
            for c in cat.centres.values()
            if c.province == province and c.centre_id not in listed
        ]

    province = next(p for p in large if len(unlisted(p)) == 1)
    late = unlisted(province)[0]
    own = next(
        c.centre_id
        for c in cat.centres.values()
        if c.province == province and c.centre_id in listed
    )
    coordinator = Viewer("coordinator", own)
    opened = cat.centres[late].opened_on
    months = [m for m in cat.months if m > opened][:6]

    # the attack, on the province series a named viewer still gets
    errors = []
    for month in months:
        f = Filters(month, month, province)
        series = cache.visits_by_month(wh, wh.version, Viewer("national"), f, month, month)
        mine = queries.centre_table_for(wh, Filters(month, month), coordinator, SECRET)
        known = mine.filter(pl.col("province") == province)["visits"].fill_null(0).sum()
        truth = _centre_months(wh, [late], month, month)["visits"].sum()
        errors.append(abs(series["visits"].sum() - known - truth))
    assert max(errors) <= 3 * ROUND_TO  # within a few visits: the attack works

    # a coordinator of that province gets no series of it
    assert cat.for_viewer(coordinator).provinces == ()
    with pytest.raises(PermissionError):
        cache.demographic_trend(
            wh, wh.version, coordinator, "province", (province,), "month", months[0], months[-1]
        )
    outlook = cache.impact_page(wh, wh.version, coordinator, LAST_YEAR).outlook[1]
    assert outlook.filter(pl.col("visits").is_not_null()).height == 0

    # a province whose centres are all listed stays the coordinator's to see
    whole = next(p for p in large if not unlisted(p))
    theirs = next(c.centre_id for c in cat.centres.values() if c.province == whole)
    assert cat.for_viewer(Viewer("coordinator", theirs)).provinces == (whole,)


# 9. The board pack beside the page ----------------------------------------------------------
def test_coordinator_deck_gives_no_peer_funding(wh):
    """The board pack's comparison slide ranked a coordinator's centre among its peers on
    funding per visit, with the peers' median and band, which the Centres page withholds (a
    peer's funding month by month dates its coordinator's start). The slide now blanks every
    place and funding figure of a peer, as the page does."""
    from dashboard.present.boardpack import build_deck, slide_texts

    cat = queries.load_catalog(wh)
    own = sorted(cat.established())[0]
    f = Filters(date(2023, 2, 1), date(2023, 2, 1), None, own)

    def funding_row(viewer) -> list[str]:
        texts = slide_texts(build_deck(wh, cat, f, "en", viewer))
        slide = next(s for s in texts if "This centre beside its peers" in s).split("\n")
        at = slide.index("Funding per visit (EUR)")
        return slide[at : at + 5]

    named = funding_row(Viewer("national"))
    assert "€" in named[2]  # the peers' median: the attack's input for a named role
    row = funding_row(Viewer("coordinator", own))
    assert "€" not in "".join(row[2:4]), row  # no peer median or band
    assert row[4] in ("1 / 1", "–"), row  # ranked among no peer


# 10. A small province's funding total on the Funding page -----------------------------------
def test_coordinator_funding_rows_give_no_small_province_total(wh):
    """The Funding page's sentence sums the funding rows of the filter's province, which for a
    coordinator's own centre is their province; in a province of two centres, that total less
    their own was the other centre's exact funding, and month by month it dated that centre's
    coordinator start to the day (independent attack, 27 November). A coordinator's rows now
    carry no province for a peer in a small province."""
    from dashboard.ui import cache

    cat = queries.load_catalog(wh)
    small = cat.small_areas()
    province = next(
        p for p in sorted(small) if sum(c.province == p for c in cat.centres.values()) == 2
    )
    own, other = sorted(c.centre_id for c in cat.centres.values() if c.province == province)
    f = Filters(date(2025, 11, 1), date(2026, 10, 1), province, own)

    def province_total(viewer) -> float:
        rows = cache.funding_page(wh, wh.version, viewer, f).rows
        return float(
            rows.filter(pl.col("centre_id").is_not_null() & (pl.col("province") == province))[
                "funding_eur"
            ].sum()
        )

    named = cache.funding_page(wh, wh.version, Viewer("national"), f).rows
    theirs = float(named.filter(pl.col("centre_id") == other)["funding_eur"].sum())
    mine = float(named.filter(pl.col("centre_id") == own)["funding_eur"].sum())
    assert theirs > 0  # the attack's target exists in this period
    assert province_total(Viewer("national")) == pytest.approx(mine + theirs)
    assert province_total(Viewer("coordinator", own)) == pytest.approx(mine)


def test_pages_show_a_coordinator_their_own_province_or_say_why_not(demo_warehouse, wh):
    """On the pages: a coordinator whose province they may not see gets no province chart on
    the guests page (a message says why) and only the national row in the 2030 outlook; one
    whose province is whole and listed gets that province's chart and row."""
    from tests.conftest import run_app

    cat = queries.load_catalog(wh)
    may = {
        c.centre_id: cat.for_viewer(Viewer("coordinator", c.centre_id)).provinces
        for c in cat.centres.values()
        if c.centre_id in cat.established()
    }
    hidden = next(c for c, p in sorted(may.items()) if not p)
    shown, (province,) = next((c, p) for c, p in sorted(may.items()) if p)
    for own, expect in ((hidden, None), (shown, province)):
        mp = pytest.MonkeyPatch()
        try:
            base = {"role": "coordinator", "as_centre": own, "lang": "en"}
            at = run_app(demo_warehouse, mp, "demographics", split="province", **base)
            assert not at.exception
            said = " ".join(i.value for i in at.info)
            split = [c for c in at.get("plotly_chart") if c.key == "dl_demo_title_chart"]
            if expect is None:
                assert "no chart per province" in said
                assert not split
            else:
                assert "no chart per province" not in said and len(split) == 1
            at = run_app(demo_warehouse, mp, "impact", **base)
            assert not at.exception
            outlook = next(d.value for d in at.dataframe if "Guests 2030" in d.value.columns)
            rows = outlook.iloc[:, 0].tolist()
            assert rows == ["The Netherlands"] + ([expect] if expect else [])
        finally:
            mp.undo()
