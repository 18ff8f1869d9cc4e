"""The KPIs of DATA_CONTRACT.md for one period and filter: the one place they are defined.

The Overview page, the `ipso-dashboard kpis` command and (later) the board pack all call
`compute_kpis`, so every surface shows the same numbers. Counts come from the warehouse roll-ups
through queries/*.sql; this module turns them into rates and applies small-number suppression.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np
import polars as pl

from dashboard import contract
from dashboard.constants import MIN_COUNT, ROUND_TO, Z95
from dashboard.metrics.db import Warehouse
from dashboard.metrics.disclosure import is_suppressed, round_count, round_counts, whole_percent
from dashboard.metrics.filters import Filters, whole_quarters
from dashboard.reference import load_assumptions

# survey question -> column prefix in monthly_surveys
SURVEY_QUESTIONS = {
    "quality_of_life_improved": "qol",
    "daily_functioning_improved": "daily_functioning",
    "picked_up_life": "picked_up_life",
    "more_energetic": "more_energetic",
    "less_alone": "less_alone",
    "avoided_care_visit": "avoided_care",
    "back_to_work": "back_to_work",
}
# The eight headline KPIs: the Overview's tiles, the board pack's KPI slide and `tiles` in the
# JSON of `ipso-dashboard kpis` (labels and changes in dashboard/present/tiles.py).
TILES = (
    "centres",
    "visits",
    "guests",
    "new_guests",
    "volunteers",
    "paid_coordinators",
    "rating_mean",
    "quality_of_life_improved",
)
REFERRALS = tuple(r for r in contract.REFERRAL_SOURCES if r != "unknown")
DIAGNOSES = tuple(d for d in contract.DIAGNOSIS_GROUPS if d != "unknown")
PHASES = tuple(p for p in contract.TREATMENT_PHASES if p != "unknown")


@dataclass
class Kpi:
    """One figure: its value (None when suppressed or undefined), the n it rests on, and, for
    shares of guests, how many guests had an unknown value and were left out."""

    value: float | int | None
    n: int | None = None
    suppressed: bool = False
    unknown: int | None = None
    unit: str = "count"

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None or k == "value"}


@dataclass
class KpiSet:
    filters: Filters
    kpis: dict[str, Kpi]
    funding_by_funder: dict[str, float] = field(default_factory=dict)
    societal_value: dict | None = None
    staffing_year: int | None = None  # the latest staffing year the volunteers come from
    data_coverage: str = "all"  # how much of the period has data: all, part, none

    def value(self, name: str):
        return self.kpis[name].value


@dataclass(frozen=True)
class Ratio:
    """A KPI that is part / whole over count columns. `basis` is the count whose size decides
    suppression (guests or survey answers); `unknown` the count left out of the whole."""

    part: tuple[str, ...]
    whole: str
    basis: str
    unit: str = "share"
    unknown: str | None = None


# Helper counts derived from the roll-up counts before any ratio is taken: known = all - unknown.
KNOWN = {
    "gender_known": ("guests", "gender_unknown"),
    "age_known": ("guests", "age_unknown"),
    "ref_known": ("guests", "ref_unknown"),
    "dx_known": ("guests", "dx_unknown"),
    "ph_known": ("guests", "ph_unknown"),
    "visits_gender_known": ("visits", "visits_gender_unknown"),
}
COUNTS = ("visits", "guests", "new_guests")  # shown as counts; suppressed by guests
RATIOS: dict[str, Ratio] = {
    "visits_per_guest": Ratio(("visits",), "guests", "guests", unit="ratio"),
    "share_visits_by_women": Ratio(
        ("visits_female",), "visits_gender_known", "guests", unknown="visits_gender_unknown"
    ),
    "share_female": Ratio(("female",), "gender_known", "guests", unknown="gender_unknown"),
    "share_male": Ratio(("male",), "gender_known", "guests", unknown="gender_unknown"),
    "share_gender_other": Ratio(
        ("gender_other",), "gender_known", "guests", unknown="gender_unknown"
    ),
    "share_children": Ratio(("age_0_17",), "age_known", "guests", unknown="age_unknown"),
    "share_young_adults": Ratio(("age_18_39",), "age_known", "guests", unknown="age_unknown"),
    "share_youth": Ratio(("age_0_17", "age_18_39"), "age_known", "guests", unknown="age_unknown"),
    "share_40_49": Ratio(("age_40_49",), "age_known", "guests", unknown="age_unknown"),
    "share_50_plus": Ratio(("age_50_plus",), "age_known", "guests", unknown="age_unknown"),
    "share_patients": Ratio(("patient",), "guests", "guests"),
    "share_relatives": Ratio(("relative",), "guests", "guests"),
    "share_bereaved": Ratio(("bereaved",), "guests", "guests"),
    **{
        f"share_referral_{r}": Ratio((f"ref_{r}",), "ref_known", "guests", unknown="ref_unknown")
        for r in REFERRALS
    },
    "share_referral_care": Ratio(
        ("ref_gp", "ref_specialist_or_nurse", "ref_other_care"),
        "ref_known",
        "guests",
        unknown="ref_unknown",
    ),
    **{
        f"share_diagnosis_{d}": Ratio((f"dx_{d}",), "dx_known", "guests", unknown="dx_unknown")
        for d in DIAGNOSES
    },
    **{
        f"share_phase_{p}": Ratio((f"ph_{p}",), "ph_known", "guests", unknown="ph_unknown")
        for p in PHASES
    },
    "rating_mean": Ratio(("rating_sum",), "rating_n", "rating_n", unit="rating"),
    "rating_8_plus": Ratio(("rating_8plus",), "rating_n", "rating_n"),
    **{
        q: Ratio((f"{prefix}_yes",), f"{prefix}_n", f"{prefix}_n")
        for q, prefix in SURVEY_QUESTIONS.items()
    },
    "funding_per_visit_eur": Ratio(("funding_eur",), "visits", "guests", unit="eur"),
    # per centre only (needs the population of the centre's place)
    "visits_per_1000_inhabitants": Ratio(
        ("visits",), "population_thousands", "guests", unit="ratio"
    ),
}


def wilson(k, n, z: float = Z95):
    """95% Wilson score interval for k successes out of n (numpy arrays or polars expressions)."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5)
    return centre - half, centre + half


def derive(counts: pl.DataFrame, national: bool, keep: tuple[str, ...] = ()) -> pl.DataFrame:
    """Every KPI from count columns, one row per place: `<kpi>` (value, null when suppressed or
    undefined), `<kpi>__n`, `<kpi>__suppressed`, `<kpi>__unknown` for shares with unknowns, and
    `<kpi>__lo`/`<kpi>__hi` (95% Wilson interval) for shares; plus the `keep` columns. The one
    definition of each KPI is `_figures`. (numpy over the columns: a page asks for hundreds of
    these figures, and numpy answers in about a millisecond where a polars plan of that size
    takes tens.)"""
    order, floats, ints, flags = _figures(
        lambda name: counts[name].cast(pl.Float64).to_numpy(),
        set(counts.columns),
        counts.height,
        national,
    )
    out: dict[str, pl.Series] = {k: counts[k] for k in keep}
    for name in order:
        if name in flags:
            out[name] = pl.Series(name, flags[name])
        else:
            dtype = pl.Int64 if name in ints else pl.Float64
            out[name] = pl.Series(name, floats[name], nan_to_null=True).cast(dtype)
    return pl.DataFrame(out)


def derive_row(counts: dict, national: bool) -> dict:
    """`derive` for a single place given as a dict of counts, as a dict of Python values (what
    `derive(...).row(0, named=True)` gives, without building hundreds of one-value Series)."""

    def value(name: str) -> np.ndarray:
        v = counts[name]
        return np.array([np.nan if v is None else float(v)])

    order, floats, ints, flags = _figures(value, set(counts), 1, national)
    row: dict = {}
    for name in order:
        if name in flags:
            row[name] = bool(flags[name][0])
            continue
        v = float(floats[name][0])
        row[name] = None if np.isnan(v) else (int(v) if name in ints else v)
    return row


# A count the warehouse publishes itself (survey answers below the national total: sums of
# rounded quarter cells, queries/kpi_period.sql) comes with its exact sum as `<count>__exact`,
# which decides only what is hidden.
EXACT = "__exact"
# Columns that are not counts of people, visits or answers: public amounts, used as they are.
NOT_COUNTS = frozenset({"funding_eur", "population_thousands"})


def _figures(column, available_columns: set[str], rows: int, national: bool):
    """The KPI figures as numpy arrays: (names in order, float values with NaN for null, the
    names that are integer counts, the boolean `__suppressed` flags).

    Below the national total every figure is computed from the published (rounded) counts, never
    from the exact ones (dashboard/metrics/disclosure.py): the exact counts only decide what is
    hidden. Shares are kept to whole percents there."""
    exact_cache: dict[str, np.ndarray] = {}
    published_cache: dict[str, np.ndarray] = {}

    def exact(name: str) -> np.ndarray:
        if name not in exact_cache:
            if name in KNOWN:
                whole, unknown = KNOWN[name]
                exact_cache[name] = exact(whole) - exact(unknown)
            elif name + EXACT in available_columns:
                exact_cache[name] = column(name + EXACT)
            else:
                exact_cache[name] = column(name)
        return exact_cache[name]

    def col(name: str) -> np.ndarray:
        """The published value of a count (derived counts from published parts)."""
        if name not in published_cache:
            if name in KNOWN:
                whole, unknown = KNOWN[name]
                published_cache[name] = col(whole) - col(unknown)
            elif name in NOT_COUNTS or name + EXACT in available_columns:
                published_cache[name] = column(name)  # public, or published by the warehouse
            else:
                published_cache[name] = round_counts(exact(name), national)
        return published_cache[name]

    def small(n: np.ndarray) -> np.ndarray:
        if national:
            return np.zeros(rows, dtype=bool)
        return np.isnan(n) | (n < MIN_COUNT)

    available = available_columns | set(KNOWN)
    order: list[str] = []
    floats: dict[str, np.ndarray] = {}
    ints: set[str] = set()
    flags: dict[str, np.ndarray] = {}

    def put(name: str, values: np.ndarray, integer: bool = False) -> None:
        order.append(name)
        floats[name] = np.broadcast_to(np.asarray(values, dtype=np.float64), (rows,))
        if integer:
            ints.add(name)

    def flag(name: str, values: np.ndarray) -> None:
        order.append(name)
        flags[name] = np.broadcast_to(np.asarray(values, dtype=bool), (rows,))

    guests = exact("guests") if "guests" in available else np.full(rows, np.nan)
    for name in COUNTS:
        if name not in available:
            continue
        hide = small(guests)
        put(name, np.where(hide, np.nan, col(name)), integer=True)
        put(name + "__n", np.where(hide, np.nan, col("guests")), integer=True)
        flag(name + "__suppressed", hide)
    with np.errstate(divide="ignore", invalid="ignore"):
        for name, r in RATIOS.items():
            if not {*r.part, r.whole, r.basis} <= available:
                continue
            part = np.sum([col(c) for c in r.part], axis=0)
            whole = col(r.whole)
            hide = small(exact(r.basis))
            if r.unit == "share":  # a share also needs enough known answers
                hide = hide | small(exact(r.whole))
            undefined = hide | np.isnan(whole) | (whole <= 0)
            value = np.where(undefined, np.nan, part / whole)
            if r.unit == "share":
                # published parts may add up to a little more than the published whole
                value = whole_percent(np.clip(value, 0.0, 1.0), national)
            elif r.unit == "rating":
                value = np.clip(value, 1.0, 10.0)
            put(name, value)
            put(name + "__n", np.where(hide, np.nan, whole), integer=True)
            flag(name + "__suppressed", hide)
            if r.unknown:
                # how many were left out is a count of guests too: "< 10" when it is small
                few = hide | small(exact(r.unknown))
                put(name + "__unknown", np.where(few, np.nan, col(r.unknown)), integer=True)
            if r.unit == "share":
                lo, hi = wilson(np.clip(part, 0, whole), whole)
                put(name + "__lo", np.where(np.isnan(value), np.nan, whole_percent(lo, national)))
                put(name + "__hi", np.where(np.isnan(value), np.nan, whole_percent(hi, national)))
    return order, floats, ints, flags


def kpi_unit(name: str) -> str:
    return RATIOS[name].unit if name in RATIOS else "count"


GUEST_LOOKUP_KEYS = ("level", "key", "m_from", "m_to")


def guest_counts(wh: Warehouse, f: Filters) -> dict:
    """The distinct-guest counts of the filter's period and place (one roll-up lookup); zeros
    when the period holds no data."""
    month_from, month_to = wh.clamp(f.month_from, f.month_to)
    row = wh.row("kpi_guests", level=f.level, key=f.key, month_from=month_from, month_to=month_to)
    if row is None:  # rare: take the column names from an empty frame
        empty = wh.run(
            "kpi_guests", level=f.level, key=f.key, month_from=month_from, month_to=month_to
        )
        return {k: 0 for k in empty.columns if k not in GUEST_LOOKUP_KEYS}
    return {k: v for k, v in row.items() if k not in GUEST_LOOKUP_KEYS}


def period_params(wh: Warehouse, f: Filters, per_centre: bool = False) -> dict:
    """The period's parameters of the count queries (kpi_period, centre_kpis): the months, the
    guest range clamped to the warehouse's months, the survey months and the rounding base of
    the sums (Filters.survey_months, Filters.round_to); `per_centre`: for figures per centre,
    always below the national total."""
    guests_from, guests_to = wh.clamp(f.month_from, f.month_to)
    survey_from, survey_to = (
        whole_quarters(f.month_from, f.month_to) if per_centre else f.survey_months
    )
    return {
        "month_from": f.month_from,
        "month_to": f.month_to,
        "guests_from": guests_from,
        "guests_to": guests_to,
        "survey_from": survey_from,
        "survey_to": survey_to,
        "round_to": ROUND_TO if per_centre else f.round_to,
    }


def _counts(wh: Warehouse, f: Filters) -> dict:
    """All count columns for one filter, in the names `derive` expects, from one query
    (queries/kpi_period.sql); the funding per funder comes as `funding`, a list."""
    row = wh.row(
        "kpi_period",
        **period_params(wh, f),
        centre_month=wh.centre_month(f.month_to),
        province=f.province,
        centre=f.centre,
        level=f.level,
        key=f.key,
    )
    # Null counts mean no guest row (the period holds no data); the staffing year may be
    # unknown, and no grant in the period leaves the funding list null.
    row["funding"] = row["funding"] or []
    return {k: 0 if v is None and k != "staffing_year" else v for k, v in row.items()}


def _as_kpis(row: dict) -> dict[str, Kpi]:
    """The derive() columns of one row as Kpi objects."""
    out = {}
    for name in (*COUNTS, *RATIOS):
        if name not in row:
            continue
        value = row[name]
        out[name] = Kpi(
            value=int(value) if name in COUNTS and value is not None else value,
            n=None if row[name + "__n"] is None else int(row[name + "__n"]),
            suppressed=bool(row[name + "__suppressed"]),
            unknown=None if row.get(name + "__unknown") is None else int(row[name + "__unknown"]),
            unit=kpi_unit(name),
        )
    return out


def guest_kpis(wh: Warehouse, f: Filters) -> dict[str, Kpi]:
    """Only the KPIs about distinct guests (counts and shares), from one roll-up lookup: what
    the Demographics page needs, at a fifth of the cost of compute_kpis."""
    return guest_kpis_from(wh, f)[0]


def guest_kpis_from(wh: Warehouse, f: Filters) -> tuple[dict[str, Kpi], dict]:
    """`guest_kpis` and the counts they come from (the pyramid reads the same counts)."""
    counts = guest_counts(wh, f)
    return _as_kpis(derive_row(counts, f.national)), counts


def data_coverage(f: Filters, data_months: tuple[date, date] | None) -> str:
    """How much of the period has data: "all", "part" or "none" (data_months: the first and
    last month with data; None: assume all, as for the app's filters, which stay inside)."""
    if data_months is None:
        return "all"
    first, last = data_months
    if f.month_to < first or f.month_from > last:
        return "none"
    return "all" if first <= f.month_from and f.month_to <= last else "part"


def compute_kpis(wh: Warehouse, f: Filters, data_months: tuple[date, date] | None = None) -> KpiSet:
    """data_months (first, last month with data) matters only for a period that reaches outside
    the data (the CLI allows it): new guests then follow the contract also for guests whose first
    visit precedes the data, and funding per visit divides only the funding of the months with
    data (null when no month has data)."""
    place = {"province": f.province, "centre": f.centre}

    def funding_of(counts: dict) -> dict[str, float]:
        return {item["funder"]: float(item["funding_eur"]) for item in counts.pop("funding")}

    def funding_between(inside: Filters) -> dict[str, float]:
        return funding_of(_counts(wh, inside))  # rare: a CLI period reaching outside the data

    counts = _counts(wh, f)  # one query: every count of the period (queries/kpi_period.sql)
    c = counts
    by_funder = funding_of(counts)
    covered = data_coverage(f, data_months)
    counts["funding_eur"] = sum(by_funder.values())
    if covered != "all":
        first, last = data_months
        if f.month_from < first:
            counts["new_guests"] += int(
                wh.run(
                    "kpi_new_before_data",
                    period_start=f.period_start,
                    period_end=f.period_end,
                    first_month=first,
                    **place,
                )["new_guests"][0]
            )
        inside = Filters(max(f.month_from, first), min(f.month_to, last), f.province, f.centre)
        counts["funding_eur"] = sum(funding_between(inside).values()) if covered == "part" else 0.0
    row = derive_row(counts, f.national)
    if covered == "none":
        row["funding_per_visit_eur"] = None
    counts["funding_eur"] = sum(by_funder.values())

    k: dict[str, Kpi] = {
        "centres": Kpi(int(c["centres"]), int(c["centres"])),
        "paid_coordinators": Kpi(int(c["paid_coordinators"]), int(c["centres"])),
        # volunteers are people: rounded below the national total like every other count
        "volunteers": Kpi(round_count(int(c["volunteers"]), f.national), int(c["centres"])),
        "paid_fte": Kpi(round(float(c["paid_fte"]), 2), int(c["centres"]), unit="fte"),
    }
    k.update(_as_kpis(row))
    responses = round_count(counts["responses"], f.national)
    hidden = is_suppressed(counts.get("responses" + EXACT, counts["responses"]), f.national)
    k["survey_responses"] = Kpi(
        None if hidden else responses, None if hidden else responses, suppressed=hidden
    )
    k["funding_eur"] = Kpi(round(counts["funding_eur"], 2), None, unit="eur")
    k["funding_kwf_eur"] = Kpi(round(by_funder.get("kwf", 0.0), 2), None, unit="eur")
    return KpiSet(
        f,
        k,
        funding_by_funder=by_funder,
        societal_value=societal_value(k["visits"], f.n_months),
        staffing_year=c["staffing_year"],
        data_coverage=covered,
    )


def societal_value(visits: Kpi, n_months: int) -> dict | None:
    """Avoided care consultations and euros for the visits in the period at the published
    assumptions (dashboard/value.py holds the model)."""
    if visits.value is None:
        return None
    from dashboard.metrics.value import ValueAssumptions, value_range

    result = value_range(visits.value, ValueAssumptions.published())
    source = load_assumptions()["ecorys_avoided_consultations_low"].source
    return {
        **result,
        "months": n_months,
        "source": source,
        "method": "visits in the period x (Ecorys yearly range / visits a year Ecorys refers to)",
    }


def previous_period(f: Filters, first_month) -> Filters | None:
    """The period of equal length just before `f`, or None when it starts before the first
    month with data: a change against months the warehouse does not hold would be a change
    against nothing (a drop from 0 visits), so every surface shows no change then."""
    before = f.previous()
    return before if before.month_from >= first_month else None


def kpis_json(
    result: KpiSet,
    previous: KpiSet | None = None,
    data_months: tuple[date, date] | None = None,
) -> dict:
    f = result.filters
    out = {
        "period": {
            "from": f.period_start.isoformat(),
            "to": f.period_end.isoformat(),
            "months": f.n_months,
        },
        "filter": {"province": f.province, "centre": f.centre, "level": f.level},
        # below the national total survey answers count in the whole quarters of the period
        "survey_months": {
            "from": f.survey_months[0].isoformat(),
            "to": Filters(*f.survey_months).period_end.isoformat(),
            "none": f.survey_months[0] > f.survey_months[1],
        },
        "staffing_year": result.staffing_year,
        "kpis": {name: kpi.as_dict() for name, kpi in result.kpis.items()},
        "funding_by_funder_eur": {k: round(v, 2) for k, v in result.funding_by_funder.items()},
        "societal_value": result.societal_value,
    }
    out["tiles"] = list(TILES)
    notes = {
        "part": "the period reaches outside the data: counts cover the months with data, "
        "funding per visit divides the funding of those months only",
        "none": "no month of the period has data: counts are zero, funding per visit is null",
    }
    warnings = {
        "part": "the previous period reaches outside the data: a change against it compares "
        "with fewer months of data",
    }
    out["data_coverage"] = result.data_coverage
    if result.data_coverage in notes:
        out["data_note"] = notes[result.data_coverage]
    before = f.previous()
    if previous is None:
        # previous_period(f, first month) said the data does not reach back that far.
        out["previous_period"] = {
            "from": before.period_start.isoformat(),
            "to": before.period_end.isoformat(),
            "outside_data": True,
            "data_coverage": data_coverage(before, data_months) if data_months else "part",
            "warning": "the previous period lies outside the data: no change is computed",
            "kpis": None,
        }
    else:
        pf = previous.filters
        out["previous_period"] = {
            "from": pf.period_start.isoformat(),
            "to": pf.period_end.isoformat(),
            "outside_data": False,
            "data_coverage": previous.data_coverage,
            **(
                {"warning": warnings[previous.data_coverage]}
                if previous.data_coverage in warnings
                else {}
            ),
            "kpis": {name: kpi.as_dict() for name, kpi in previous.kpis.items()},
        }
    return out
