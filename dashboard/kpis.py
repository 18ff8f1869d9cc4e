"""The KPIs of DATA_CONTRACT.md for one period and filter: the one place they are defined.

The Overview page, the `ipso-dashboard kpis` command and (later) the board pack all call
`compute_kpis`, so every surface shows the same numbers. Counts come from the warehouse roll-ups
through queries/*.sql; this module turns them into rates and applies small-number suppression.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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
REFERRALS = (
    "self",
    "relative_or_friend",
    "gp",
    "specialist_or_nurse",
    "other_care",
    "media",
)


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


def _count(value: int, n: int, national: bool) -> Kpi:
    if is_suppressed(n, national):
        return Kpi(None, None, suppressed=True)
    return Kpi(int(value), int(n))


def _share(part: int, known: int, unknown: int, national: bool, guests: int) -> Kpi:
    """A share of guests: unknowns out of the denominator; suppressed if the guests are few."""
    if is_suppressed(guests, national) or is_suppressed(known, national):
        return Kpi(None, None, suppressed=True, unit="share")
    return Kpi(part / known if known else None, int(known), unknown=int(unknown), unit="share")


def _rate(yes: int, n: int, national: bool) -> Kpi:
    if is_suppressed(n, national):
        return Kpi(None, None, suppressed=True, unit="share")
    return Kpi(yes / n if n else None, int(n), unit="share")


def compute_kpis(wh: Warehouse, f: Filters) -> KpiSet:
    national = f.national
    place = {"province": f.province, "centre": f.centre}
    months = {"month_from": f.month_from, "month_to": f.month_to}

    v = wh.run("kpi_visits", **months, **place).row(0, named=True)
    g_frame = wh.run("kpi_guests", level=f.level, key=f.key, **months)
    g = g_frame.row(0, named=True) if g_frame.height else None
    s = wh.run("kpi_surveys", **months, **place).row(0, named=True)
    c = wh.run("kpi_centres", period_end=f.period_end, **place).row(0, named=True)
    funding = wh.run(
        "funding_by_funder", period_start=f.period_start, period_end=f.period_end, **place
    )

    guests = int(g["guests"]) if g else 0
    k: dict[str, Kpi] = {}
    k["centres"] = Kpi(int(c["centres"]), int(c["centres"]))
    k["paid_coordinators"] = Kpi(int(c["paid_coordinators"]), int(c["centres"]))
    k["volunteers"] = Kpi(int(c["volunteers"]), int(c["centres"]))
    k["paid_fte"] = Kpi(round(float(c["paid_fte"]), 2), int(c["centres"]), unit="fte")
    k["visits"] = _count(v["visits"], guests, national)
    k["guests"] = _count(guests, guests, national)
    k["new_guests"] = _count(g["new_guests"] if g else 0, guests, national)
    k["visits_per_guest"] = (
        Kpi(None, None, suppressed=True, unit="ratio")
        if is_suppressed(guests, national)
        else Kpi(v["visits"] / guests if guests else None, guests, unit="ratio")
    )
    k["share_visits_by_women"] = _share(
        v["visits_female"],
        v["visits"] - v["visits_gender_unknown"],
        v["visits_gender_unknown"],
        national,
        guests,
    )

    if g:
        gender_known = guests - g["gender_unknown"]
        age_known = guests - g["age_unknown"]
        ref_known = guests - g["ref_unknown"]
        k["share_female"] = _share(g["female"], gender_known, g["gender_unknown"], national, guests)
        k["share_male"] = _share(g["male"], gender_known, g["gender_unknown"], national, guests)
        youth = g["age_0_17"] + g["age_18_39"]
        for name, part in (
            ("share_children", g["age_0_17"]),
            ("share_young_adults", g["age_18_39"]),
            ("share_youth", youth),
            ("share_40_49", g["age_40_49"]),
            ("share_50_plus", g["age_50_plus"]),
        ):
            k[name] = _share(part, age_known, g["age_unknown"], national, guests)
        k["share_relatives"] = _share(g["relative"], guests, 0, national, guests)
        k["share_bereaved"] = _share(g["bereaved"], guests, 0, national, guests)
        k["share_patients"] = _share(g["patient"], guests, 0, national, guests)
        for ref in REFERRALS:
            k[f"share_referral_{ref}"] = _share(
                g[f"ref_{ref}"], ref_known, g["ref_unknown"], national, guests
            )
    else:
        for name in (
            "share_female",
            "share_male",
            "share_children",
            "share_young_adults",
            "share_youth",
            "share_40_49",
            "share_50_plus",
            "share_relatives",
            "share_bereaved",
            "share_patients",
            *[f"share_referral_{r}" for r in REFERRALS],
        ):
            k[name] = _share(0, 0, 0, national, 0)

    k["survey_responses"] = _count(s["responses"], s["responses"], national)
    if is_suppressed(s["rating_n"], national):
        k["rating_mean"] = Kpi(None, None, suppressed=True, unit="rating")
    else:
        k["rating_mean"] = Kpi(
            s["rating_sum"] / s["rating_n"] if s["rating_n"] else None,
            int(s["rating_n"]),
            unit="rating",
        )
    k["rating_8_plus"] = _rate(s["rating_8plus"], s["rating_n"], national)
    for question, prefix in SURVEY_QUESTIONS.items():
        k[question] = _rate(s[f"{prefix}_yes"], s[f"{prefix}_n"], national)

    by_funder = {row["funder"]: float(row["funding_eur"]) for row in funding.iter_rows(named=True)}
    total = sum(by_funder.values())
    k["funding_eur"] = Kpi(round(total, 2), None, unit="eur")
    k["funding_kwf_eur"] = Kpi(round(by_funder.get("kwf", 0.0), 2), None, unit="eur")
    k["funding_per_visit_eur"] = (
        Kpi(None, None, suppressed=True, unit="eur")
        if k["visits"].suppressed
        else Kpi(total / v["visits"] if v["visits"] else None, int(v["visits"]), unit="eur")
    )
    return KpiSet(
        f,
        k,
        funding_by_funder=by_funder,
        societal_value=societal_value(k["visits"], f.n_months),
        staffing_year=c["staffing_year"],
    )


def societal_value(visits: Kpi, n_months: int) -> dict | None:
    """Avoided care consultations and euros for the visits in the period, scaled from the
    Ecorys (2024) business case: its yearly ranges refer to about 200,000 visits a year."""
    if visits.value is None:
        return None
    a = load_assumptions()
    per_visit = visits.value / a["ecorys_reference_visits"].value
    return {
        "avoided_consultations": {
            "low": per_visit * a["ecorys_avoided_consultations_low"].value,
            "high": per_visit * a["ecorys_avoided_consultations_high"].value,
        },
        "avoided_care_eur": {
            "low": per_visit * a["ecorys_avoided_care_eur_low"].value,
            "high": per_visit * a["ecorys_avoided_care_eur_high"].value,
        },
        "return_to_work_eur_up_to": per_visit * a["ecorys_return_to_work_eur_high"].value,
        "visits": visits.value,
        "months": n_months,
        "source": a["ecorys_avoided_consultations_low"].source,
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
