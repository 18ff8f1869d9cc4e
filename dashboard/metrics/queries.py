"""Named questions to the warehouse that pages and the CLI share, returning typed results.

Thin wrappers over queries/*.sql: they pass validated filters as parameters and apply
small-number suppression before a frame leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from dashboard.constants import MIN_COUNT, ROUND_TO
from dashboard.metrics.db import Warehouse
from dashboard.metrics.disclosure import (
    MIN_PEERS,
    is_suppressed,
    protect_areas,
    round_count,
    suppress_frame,
    whole_percent,
)
from dashboard.metrics.filters import Catalog, Centre, Filters
from dashboard.metrics.kpis import derive, guest_counts, period_params


def load_catalog(wh: Warehouse) -> Catalog:
    months = tuple(wh.run("catalog_months")["month"].to_list())
    centres = {
        row["centre_id"]: Centre(
            row["centre_id"], row["name"], row["city"], row["province"], row["opened_on"]
        )
        for row in wh.run("catalog_centres").iter_rows(named=True)
    }
    return Catalog(months=months, centres=centres)


def load_centres(wh: Warehouse) -> pl.DataFrame:
    return wh.run("catalog_centres")


@dataclass(frozen=True)
class GrantStart:
    first_start: date | None
    total_eur: float


def kwf_grant_start(wh: Warehouse) -> GrantStart:
    row = wh.run("kwf_grant_start").row(0, named=True)
    return GrantStart(row["first_start"], float(row["total_eur"] or 0.0))


def visits_by_month(wh: Warehouse, f: Filters, month_from: date, month_to: date) -> pl.DataFrame:
    """Visits, guests and new guests per month for the filter's place, from month_from to
    month_to (the trend may reach beyond the selected period); small months suppressed."""
    frame = wh.run(
        "visits_by_month",
        month_from=month_from,
        month_to=month_to,
        province=f.province,
        centre=f.centre,
        level=f.level,
        key=f.key,
    )
    return suppress_frame(frame, "guests", ["visits", "new_guests"], f.national)


def incomplete_months(wh: Warehouse, f: Filters) -> list[date]:
    """The months with incomplete data among the centres of the filter's place (months only:
    fit for every role)."""
    frame = wh.run("view_incomplete_months", province=f.province, centre=f.centre)
    return frame["month"].to_list()


CENTRE_COLUMNS = (
    "centre_id",
    "name",
    "city",
    "province",
    "opened_on",
    "coordinator_start",
    "latitude",
    "longitude",
    "population",
    "urbanisation",
    "size_band",
    "funding_eur",  # exact, for the value per euro of a centre's own funding
)


def centre_table(wh: Warehouse, f: Filters) -> pl.DataFrame:
    """Every centre open at the period's end with all its KPIs for the period (suppressed where
    computed from fewer than 10 guests or responses) and its peer-group attributes."""
    counts = wh.run(
        "centre_kpis",
        **period_params(wh, f, per_centre=True),
        period_start=f.period_start,
        period_end=f.period_end,
    ).with_columns((pl.col("population") / 1000).alias("population_thousands"))
    return derive(counts, national=False, keep=CENTRE_COLUMNS)


def centre_table_for(wh: Warehouse, f: Filters, viewer, secret: str) -> pl.DataFrame:
    """centre_table as `viewer` sees it: for a coordinator every other centre anonymised, with
    labels over every centre of the warehouse (stable across periods) and no province of a
    small area."""
    return as_viewer_sees(wh, centre_table(wh, f), viewer, secret)


def as_viewer_sees(wh: Warehouse, table: pl.DataFrame, viewer, secret: str) -> pl.DataFrame:
    """A centre table (centre_table) as `viewer` may see it (see centre_table_for): for a
    coordinator only their own centre and the centres open since the first month of data
    (Catalog.established), the others anonymised."""
    from dashboard.metrics.access import anonymise

    if viewer.names_centres:
        return table
    cat = load_catalog(wh)
    shown = set(cat.provinces) - cat.small_areas()
    return anonymise(listed_for(cat, table, viewer), viewer, list(cat.centres), secret, shown)


def listed_for(cat: Catalog, table: pl.DataFrame, viewer) -> pl.DataFrame:
    """The rows of a centre table a viewer may see as centres: all of them for a viewer who
    names centres; for a coordinator their own and the established ones (Catalog.established)."""
    listed = listed_ids(cat, viewer)
    return table if listed is None else table.filter(pl.col("centre_id").is_in(sorted(listed)))


def listed_ids(cat: Catalog, viewer) -> set[str] | None:
    """The centres a viewer sees listed (listed_for); None for every centre. Anything computed
    over "the peers" for a coordinator is computed over these only, so it is a function of
    figures they already see and tells nothing of a centre they do not."""
    if viewer is None or viewer.names_centres:
        return None
    return cat.established() | {viewer.centre}


def centre_trend(
    wh: Warehouse, centre: str, peer_ids: list[str], month_from: date, month_to: date
) -> pl.DataFrame:
    """A centre's monthly visits (published: rounded, hidden under 10 guests) with its peers'
    median and 25-75% band per month, computed in SQL from the peers' published monthly visits
    and only in months with at least MIN_PEERS peers with a published value."""
    frame = wh.run(
        "centre_trend",
        centre=centre,
        peer_ids=peer_ids,
        month_from=month_from,
        month_to=month_to,
        round_to=ROUND_TO,
        min_count=MIN_COUNT,
        min_peers=MIN_PEERS,
    )
    return suppress_frame(frame, "guests", ["visits"], national=False)


def centre_staffing(wh: Warehouse, centre: str) -> pl.DataFrame:
    return wh.run("centre_staffing", centre=centre)


def centre_grants(wh: Warehouse, centre: str) -> pl.DataFrame:
    return wh.run("centre_grants", centre=centre)


def demographic_trend(
    wh: Warehouse, level: str, keys: list[str], grain: str, month_from: date, month_to: date
) -> pl.DataFrame:
    """Every share of guests per month or quarter for the given places (`derive` columns plus
    key, m_from, m_to, partial and the unknown counts)."""
    counts = wh.run(
        "demographic_trend",
        level=level,
        keys=keys,
        grain=grain,
        month_from=month_from,
        month_to=month_to,
    )
    return derive(
        counts.with_columns(
            pl.lit(0).alias("visits"),
            pl.lit(0).alias("visits_female"),
            pl.lit(0).alias("visits_gender_unknown"),
        ),
        national=level == "national",
        keep=("key", "m_from", "m_to", "partial", "gender_unknown", "age_unknown"),
    )


PYRAMID_GROUPS = ("0_17", "18_39", "40_49", "50_plus")


def pyramid(wh: Warehouse, f: Filters) -> tuple[pl.DataFrame, dict]:
    """Guests of the period by age group and gender (women, men); cells from fewer than 10
    guests suppressed below the national level. Also returns the guests left out."""
    return pyramid_from(guest_counts(wh, f), f)


def pyramid_from(row: dict, f: Filters) -> tuple[pl.DataFrame, dict]:
    """`pyramid` from the period's guest counts (kpis.guest_counts)."""
    rows = []
    for group in PYRAMID_GROUPS:
        for gender, prefix in (("female", "f"), ("male", "m")):
            n = int(row.get(f"{prefix}_{group}", 0))
            small = not f.national and n < MIN_COUNT
            rows.append(
                {
                    "age_group": group,
                    "gender": gender,
                    "guests": None if small else round_count(n, f.national),
                    "suppressed": small,
                }
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "age_group": pl.String,
            "gender": pl.String,
            "guests": pl.Int64,
            "suppressed": pl.Boolean,
        },
    )

    def published(n: int) -> int | None:  # None: fewer than 10, shown as "< 10"
        return None if not f.national and n < MIN_COUNT else round_count(n, f.national)

    left_out = {
        "guests": round_count(int(row.get("guests", 0)), f.national),
        "gender_other_or_unknown": published(
            int(row.get("gender_other", 0) + row.get("gender_unknown", 0))
        ),
        "age_unknown": published(int(row.get("age_unknown", 0))),
    }
    return frame, left_out


def funding_by_centre(wh: Warehouse, f: Filters) -> pl.DataFrame:
    return wh.run("funding_by_centre", period_start=f.period_start, period_end=f.period_end)


def funding_by_month(wh: Warehouse) -> pl.DataFrame:
    return wh.run("funding_by_month")


def funding_programme(wh: Warehouse) -> pl.DataFrame:
    return wh.run("funding_programme")


def places(wh: Warehouse) -> pl.DataFrame:
    return wh.run("places")


def impact_panel(wh: Warehouse) -> pl.DataFrame:
    return wh.run("impact_panel")


def whatif_new_guests(wh: Warehouse, f: Filters) -> dict:
    """New guests of the filter in its period and the share a care provider referred (of those
    with a known source); visits a new guest makes in their first twelve months (the latest
    cohort with twelve months of data). Below the national level every count is published as the
    disclosure layer publishes counts (the period's as sums of rounded monthly cells, the fixed
    cohort's rounded), both ratios are computed from those published counts (the share in whole
    percents), and `suppressed` is set under 10 guests (either group) or 10 known sources."""
    row = wh.run(
        "whatif_new_guests",
        month_from=f.month_from,
        month_to=f.month_to,
        province=f.province,
        centre=f.centre,
        round_to=f.round_to,
    ).row(0, named=True)
    suppressed = (
        is_suppressed(row["new_guests_exact"], f.national)
        or is_suppressed(row["cohort_guests"], f.national)
        or is_suppressed(row["new_ref_known_exact"], f.national)
    )
    cohort_guests = round_count(row["cohort_guests"], f.national)
    cohort_visits = round_count(row["cohort_visits"], f.national)
    known, care = row["new_ref_known"], row["new_care_referrals"]
    share = float(whole_percent(np.array([care / known]), f.national)[0]) if known else None
    return {
        **{k: v for k, v in row.items() if not k.endswith("_exact")},
        "care_share": share,
        "visits_per_new_guest": cohort_visits / cohort_guests if cohort_guests else None,
        "suppressed": suppressed,
        "cohort_guests": cohort_guests,
        "cohort_visits": cohort_visits,
    }


OUTLOOK_COUNTS = ("guests", "visits", "volunteers")


def outlook_provinces(
    wh: Warehouse, f: Filters, hide: set[str] = frozenset()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(one row: the national total, exact; one row per province, published). A province's
    guests, visits and volunteers are rounded and hidden under 10 guests, and every figure of a
    province in `hide` is hidden; population is public and stays."""
    raw = wh.run(
        "outlook_provinces",
        month_from=f.month_from,
        month_to=f.month_to,
        period_end=f.period_end,
        round_to=ROUND_TO,
    )
    # a province's visits as published are the sum of its rounded monthly cells (kpi_period);
    # the national total adds the exact ones
    published_visits = raw["visits_published"]
    raw = raw.drop("visits_published")
    # the national guests count each guest once (the Overview's figure): a guest of centres in
    # two provinces is a guest of both, so the provinces' guests add up to more
    national_guests = int(raw["national_guests"][0]) if raw.height else 0
    raw = raw.drop("national_guests")
    total = raw.select(
        pl.lit("").alias("province"), *[pl.col(c).sum() for c in raw.columns if c != "province"]
    ).with_columns(pl.lit(national_guests).cast(raw["guests"].dtype).alias("guests"))
    published = protect_areas(
        raw.with_columns(published_visits.alias("visits")), list(OUTLOOK_COUNTS), "guests", hide
    ).with_columns(
        pl.when(pl.col("suppressed"))
        .then(None)
        .otherwise(pl.col("coordinators"))
        .alias("coordinators")
    )
    return total, published


def data_quality(wh: Warehouse) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Per centre freshness, per month completeness, and the last ingest's report."""
    return wh.run("dq_centres"), wh.run("dq_months"), wh.run("dq_ingest")


def grants_list(wh: Warehouse) -> pl.DataFrame:
    """Every grant with its recipient's name, city and province (empty for national grants)."""
    return wh.run("grants_list")


def centre_windows(wh: Warehouse, month_from: date, month_to: date) -> pl.DataFrame:
    """Per centre, the distinct guests of one month range and the counts behind three shares."""
    return wh.run("centre_windows", month_from=month_from, month_to=month_to)
