"""The KPIs of DATA_CONTRACT.md for one period and filter: the one place they are defined.

The Overview page, the `ipso-dashboard kpis` command and (later) the board pack all call
`compute_kpis`, so every surface shows the same numbers. Counts come from the warehouse roll-ups
through queries/*.sql; this module turns them into rates and applies small-number suppression.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import polars as pl

from dashboard import contract
from dashboard.constants import MIN_COUNT
from dashboard.db import Warehouse
from dashboard.filters import Filters
from dashboard.privacy import is_suppressed
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


# Helper counts derived from the roll-up counts before any ratio is taken.
KNOWN = {
    "gender_known": pl.col("guests") - pl.col("gender_unknown"),
    "age_known": pl.col("guests") - pl.col("age_unknown"),
    "ref_known": pl.col("guests") - pl.col("ref_unknown"),
    "dx_known": pl.col("guests") - pl.col("dx_unknown"),
    "ph_known": pl.col("guests") - pl.col("ph_unknown"),
    "visits_gender_known": pl.col("visits") - pl.col("visits_gender_unknown"),
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


def wilson(k: pl.Expr, n: pl.Expr, z: float = 1.959963984540054) -> tuple[pl.Expr, pl.Expr]:
    """95% Wilson score interval for k successes out of n."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5)
    return centre - half, centre + half


def derive(counts: pl.DataFrame, national: bool, keep: tuple[str, ...] = ()) -> pl.DataFrame:
    """Every KPI from count columns, one row per place: `<kpi>` (value, null when suppressed or
    undefined), `<kpi>__n`, `<kpi>__suppressed`, `<kpi>__unknown` for shares with unknowns, and
    `<kpi>__lo`/`<kpi>__hi` (95% Wilson interval) for shares; plus the `keep` columns. The one
    definition of each KPI."""
    frame = counts.with_columns(**KNOWN)
    exprs = []
    for name in COUNTS:
        small = _small(pl.col("guests"), national)
        exprs += [
            pl.when(small).then(None).otherwise(pl.col(name)).alias(name + "__value"),
            pl.when(small).then(None).otherwise(pl.col("guests")).alias(name + "__n"),
            small.alias(name + "__suppressed"),
        ]
    for name, r in RATIOS.items():
        if not {*r.part, r.whole, r.basis} <= set(frame.columns):
            continue
        part = pl.sum_horizontal([pl.col(c) for c in r.part])
        whole = pl.col(r.whole)
        small = _small(pl.col(r.basis), national)
        if r.unit == "share":  # a share also needs enough known answers
            small = small | _small(whole, national)
        value = pl.when(small | (whole == 0)).then(None).otherwise(part / whole)
        exprs += [
            value.alias(name + "__value"),
            pl.when(small).then(None).otherwise(whole).alias(name + "__n"),
            small.alias(name + "__suppressed"),
        ]
        if r.unknown:
            exprs.append(
                pl.when(small).then(None).otherwise(pl.col(r.unknown)).alias(name + "__unknown")
            )
        if r.unit == "share":
            lo, hi = wilson(part, whole)
            exprs += [
                pl.when(value.is_null()).then(None).otherwise(lo).alias(name + "__lo"),
                pl.when(value.is_null()).then(None).otherwise(hi).alias(name + "__hi"),
            ]
    out = frame.select(*keep, *exprs)
    return out.rename({c: c.removesuffix("__value") for c in out.columns if c.endswith("__value")})


def _small(n: pl.Expr, national: bool) -> pl.Expr:
    if national:
        return pl.lit(False)
    return n.is_null() | (n < MIN_COUNT)


def kpi_unit(name: str) -> str:
    return RATIOS[name].unit if name in RATIOS else "count"


def _counts(wh: Warehouse, f: Filters) -> dict:
    """All count columns for one filter, in the names `derive` expects."""
    place = {"province": f.province, "centre": f.centre}
    months = {"month_from": f.month_from, "month_to": f.month_to}
    v = wh.run("kpi_visits", **months, **place)
    g = wh.run("kpi_guests", level=f.level, key=f.key, **months)
    s = wh.run("kpi_surveys", **months, **place)
    guest_counts = (
        g.drop("level", "key", "m_from", "m_to").row(0, named=True)
        if g.height
        else {c: 0 for c in g.columns if c not in ("level", "key", "m_from", "m_to")}
    )
    return {**v.row(0, named=True), **guest_counts, **s.row(0, named=True)}


def compute_kpis(wh: Warehouse, f: Filters) -> KpiSet:
    place = {"province": f.province, "centre": f.centre}
    c = wh.run("kpi_centres", period_end=f.period_end, **place).row(0, named=True)
    funding = wh.run(
        "funding_by_funder", period_start=f.period_start, period_end=f.period_end, **place
    )
    by_funder = {row["funder"]: float(row["funding_eur"]) for row in funding.iter_rows(named=True)}
    counts = _counts(wh, f)
    counts["funding_eur"] = sum(by_funder.values())
    row = derive(pl.DataFrame([counts]), f.national).row(0, named=True)

    k: dict[str, Kpi] = {
        "centres": Kpi(int(c["centres"]), int(c["centres"])),
        "paid_coordinators": Kpi(int(c["paid_coordinators"]), int(c["centres"])),
        "volunteers": Kpi(int(c["volunteers"]), int(c["centres"])),
        "paid_fte": Kpi(round(float(c["paid_fte"]), 2), int(c["centres"]), unit="fte"),
    }
    for name in (*COUNTS, *RATIOS):
        if name not in row:
            continue
        value = row[name]
        k[name] = Kpi(
            value=int(value) if name in COUNTS and value is not None else value,
            n=None if row[name + "__n"] is None else int(row[name + "__n"]),
            suppressed=bool(row[name + "__suppressed"]),
            unknown=None if row.get(name + "__unknown") is None else int(row[name + "__unknown"]),
            unit=kpi_unit(name),
        )
    k["survey_responses"] = Kpi(
        None if is_suppressed(counts["responses"], f.national) else int(counts["responses"]),
        None if is_suppressed(counts["responses"], f.national) else int(counts["responses"]),
        suppressed=is_suppressed(counts["responses"], f.national),
    )
    k["funding_eur"] = Kpi(round(counts["funding_eur"], 2), None, unit="eur")
    k["funding_kwf_eur"] = Kpi(round(by_funder.get("kwf", 0.0), 2), None, unit="eur")
    return KpiSet(
        f,
        k,
        funding_by_funder=by_funder,
        societal_value=societal_value(k["visits"], f.n_months),
        staffing_year=c["staffing_year"],
    )


def societal_value(visits: Kpi, n_months: int) -> dict | None:
    """Avoided care consultations and euros for the visits in the period at the published
    assumptions (dashboard/value.py holds the model)."""
    if visits.value is None:
        return None
    from dashboard.value import ValueAssumptions, value_range

    result = value_range(visits.value, ValueAssumptions.published())
    source = load_assumptions()["ecorys_avoided_consultations_low"].source
    return {
        **result,
        "months": n_months,
        "source": source,
        "method": "visits in the period x (Ecorys yearly range / visits a year Ecorys refers to)",
    }


def kpis_json(result: KpiSet, previous: KpiSet | None = None) -> dict:
    f = result.filters
    out = {
        "period": {
            "from": f.period_start.isoformat(),
            "to": f.period_end.isoformat(),
            "months": f.n_months,
        },
        "filter": {"province": f.province, "centre": f.centre, "level": f.level},
        "staffing_year": result.staffing_year,
        "kpis": {name: kpi.as_dict() for name, kpi in result.kpis.items()},
        "funding_by_funder_eur": {k: round(v, 2) for k, v in result.funding_by_funder.items()},
        "societal_value": result.societal_value,
    }
    if previous is not None:
        pf = previous.filters
        out["previous_period"] = {
            "from": pf.period_start.isoformat(),
            "to": pf.period_end.isoformat(),
            "kpis": {name: kpi.as_dict() for name, kpi in previous.kpis.items()},
        }
    return out
