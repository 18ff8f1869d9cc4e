"""The societal-value model: avoided care and its euros, per euro of funding, the referral
what-if and the 2030 outlook. Pure functions over published assumptions (data/reference/
assumptions.csv), which the Impact page lets a user change and reset.

Avoided care scales with visits: the Ecorys business case (2024) puts the yearly avoided care
consultations at 150,000-200,000 and their value at EUR 8-11 million for about 200,000 visits a
year, so each visit stands for 0.75-1.0 avoided consultation and EUR 40-55. The central value is
the midpoint. The return-to-work effect is an upper bound ("up to EUR 30 million a year").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import polars as pl

from dashboard.constants import ROUND_TO, Z95
from dashboard.reference import load_assumptions

EDITABLE = (
    "reference_visits",
    "consultations_low",
    "consultations_high",
    "care_eur_low",
    "care_eur_high",
    "return_to_work_eur_high",
    "providers_referring",
)


@dataclass(frozen=True)
class ValueAssumptions:
    reference_visits: float
    consultations_low: float
    consultations_high: float
    care_eur_low: float
    care_eur_high: float
    return_to_work_eur_high: float
    providers_referring: float

    @classmethod
    def published(cls) -> ValueAssumptions:
        a = load_assumptions()
        return cls(
            reference_visits=a["ecorys_reference_visits"].value,
            consultations_low=a["ecorys_avoided_consultations_low"].value,
            consultations_high=a["ecorys_avoided_consultations_high"].value,
            care_eur_low=a["ecorys_avoided_care_eur_low"].value,
            care_eur_high=a["ecorys_avoided_care_eur_high"].value,
            return_to_work_eur_high=a["ecorys_return_to_work_eur_high"].value,
            providers_referring=a["providers_referring"].value,
        )

    # the assumptions.csv key behind each field, for labels and sources
    SOURCE_KEYS = {
        "reference_visits": "ecorys_reference_visits",
        "consultations_low": "ecorys_avoided_consultations_low",
        "consultations_high": "ecorys_avoided_consultations_high",
        "care_eur_low": "ecorys_avoided_care_eur_low",
        "care_eur_high": "ecorys_avoided_care_eur_high",
        "return_to_work_eur_high": "ecorys_return_to_work_eur_high",
        "providers_referring": "providers_referring",
    }

    def with_values(self, **values: float) -> ValueAssumptions:
        return replace(self, **values)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def _range(low: float, high: float) -> dict[str, float]:
    lo, hi = min(low, high), max(low, high)
    return {"low": lo, "central": (lo + hi) / 2, "high": hi}


def value_range(visits: float, a: ValueAssumptions) -> dict:
    """Avoided consultations and euros (low, central, high) and the return-to-work upper bound
    for a number of visits."""
    per_visit = visits / a.reference_visits if a.reference_visits else 0.0
    return {
        "visits": visits,
        "avoided_consultations": _range(
            per_visit * a.consultations_low, per_visit * a.consultations_high
        ),
        "avoided_care_eur": _range(per_visit * a.care_eur_low, per_visit * a.care_eur_high),
        "return_to_work_eur_up_to": per_visit * a.return_to_work_eur_high,
    }


def per_euro(value: dict, funding_eur: float) -> dict | None:
    """Gross value of all visits per euro of all funding (low, central, high): the avoided care
    of every visit over every funder's money, not a return on any one funder's money (that is
    `kwf_return`); None without funding."""
    if not funding_eur:
        return None
    return {k: v / funding_eur for k, v in value["avoided_care_eur"].items()}


def centre_values(table: pl.DataFrame, a: ValueAssumptions) -> pl.DataFrame:
    """Per centre: the value range of its visits (suppressed wherever its visits are) and per
    euro of its funding in the period, from the exact funding (`funding_eur`); no ratio for a
    centre without funding."""
    per_visit = 1 / a.reference_visits if a.reference_visits else 0.0
    visits = pl.col("visits")
    funding = pl.col("funding_eur")
    lo = visits * per_visit * min(a.care_eur_low, a.care_eur_high)
    hi = visits * per_visit * max(a.care_eur_low, a.care_eur_high)

    def ratio(value: pl.Expr) -> pl.Expr:
        return pl.when(funding > 0).then(value / funding).otherwise(None)

    return table.select(
        "centre_id",
        "name",
        "city",
        "province",
        "visits",
        (visits * per_visit * min(a.consultations_low, a.consultations_high)).alias(
            "avoided_consultations_low"
        ),
        (visits * per_visit * max(a.consultations_low, a.consultations_high)).alias(
            "avoided_consultations_high"
        ),
        lo.alias("avoided_care_eur_low"),
        hi.alias("avoided_care_eur_high"),
        funding.alias("funding_eur"),
        ratio(lo).alias("eur_per_euro_low"),
        ratio(hi).alias("eur_per_euro_high"),
    )


def kwf_return(
    extra_visits: float,
    extra_visits_se: float,
    kwf_funding_eur: float,
    a: ValueAssumptions,
    draws: int = 20_000,
    seed: int = 2024,
) -> dict | None:
    """Return on KWF's money: extra visits attributable to the coordinator x the value of a
    visit (the Ecorys range) / KWF's funding. Both uncertainties are carried through together:
    extra visits drawn from a normal with the impact estimate's standard error, the value per
    visit uniformly from its range; the central figure uses the estimate and the range's
    midpoint, the interval is the 2.5th-97.5th percentile of the draws. None without funding."""
    if not kwf_funding_eur or not a.reference_visits or extra_visits != extra_visits:
        return None
    lo = min(a.care_eur_low, a.care_eur_high) / a.reference_visits
    hi = max(a.care_eur_low, a.care_eur_high) / a.reference_visits
    rng = np.random.default_rng(seed)
    visits = rng.normal(extra_visits, max(extra_visits_se, 0.0), draws)
    value = rng.uniform(lo, hi, draws)
    ratio = visits * value / kwf_funding_eur
    return {
        "extra_visits": extra_visits,
        "extra_visits_low": extra_visits - Z95 * extra_visits_se,
        "extra_visits_high": extra_visits + Z95 * extra_visits_se,
        "value_eur": extra_visits * (lo + hi) / 2,
        "kwf_funding_eur": kwf_funding_eur,
        "central": extra_visits * (lo + hi) / 2 / kwf_funding_eur,
        "low": float(np.percentile(ratio, 2.5)),
        "high": float(np.percentile(ratio, 97.5)),
    }


def extra_visits(
    panel: pl.DataFrame, centres: pl.DataFrame, month_from, month_to, effect: float, se: float
) -> dict:
    """Visits the coordinators added in [month_from, month_to], nationally: the visits of funded
    centres in the months after their coordinator's start month x effect / (1 + effect), where
    effect is the event study's mean relative effect over months +1..+18 (held beyond them).
    The standard error follows by the delta method. The funded centres of a month are fewer
    than all, so their visits are published as every count below the national total is: a sum
    of the centres' monthly cells, each rounded (disclosure.py); the estimate is built on that
    sum, never on the exact one (an independent attack read the first starters' exact visits
    back from the euro amount it gave)."""
    started = centres.select(
        "centre_id", pl.col("coordinator_start").dt.truncate("1mo").alias("start_month")
    ).filter(pl.col("start_month").is_not_null())
    after = (
        panel.join(started, on="centre_id")
        .filter(
            (pl.col("month") > pl.col("start_month"))
            & pl.col("month").is_between(month_from, month_to)
        )
        .select(((pl.col("visits") / ROUND_TO + 0.5).floor() * ROUND_TO).sum())
        .item()
    )
    after = float(after or 0)
    share = effect / (1 + effect)
    return {
        "visits_after_start": after,
        "extra_visits": after * share,
        "extra_visits_se": after * se / (1 + effect) ** 2,
    }


def referral_whatif(
    care_referred_new_guests: float,
    visits_per_new_guest: float,
    rate: float,
    a: ValueAssumptions,
) -> dict:
    """If the share of care providers who refer rose from a.providers_referring to `rate`, and
    the new guests they refer rose in proportion: extra new guests, the visits they bring in
    their first 12 months (visits_per_new_guest, measured on earlier new guests), and the value
    of those visits."""
    if not a.providers_referring:
        factor = 0.0
    else:
        factor = rate / a.providers_referring - 1
    extra_guests = care_referred_new_guests * factor
    extra_visits = extra_guests * visits_per_new_guest
    return {
        "factor": factor,
        "extra_guests": extra_guests,
        "extra_visits": extra_visits,
        **value_range(extra_visits, a),
    }


def outlook(
    provinces: pl.DataFrame,
    prevalence_today: float,
    prevalence_2030: float,
    national_label: str = "Nederland",
) -> pl.DataFrame:
    """At today's reach per province (guests per person living with or after cancer, the
    national number spread by population), the guests, visits, volunteers and paid coordinators
    of 2030, at today's visits per guest, volunteers per visit and coordinators per guest.
    provinces: province, population, guests, visits, volunteers, coordinators."""
    national_pop = provinces["population"].sum()
    growth = prevalence_2030 / prevalence_today
    frame = provinces.with_columns(
        (pl.col("population") / national_pop * prevalence_today).alias("people_today"),
        (pl.col("population") / national_pop * prevalence_2030).alias("people_2030"),
    ).with_columns(
        (pl.col("guests") / pl.col("people_today")).alias("reach"),
        (pl.col("guests") * growth).alias("guests_2030"),
        (pl.col("visits") * growth).alias("visits_2030"),
        (pl.col("volunteers") * growth).alias("volunteers_2030"),
        (pl.col("coordinators") * growth).alias("coordinators_2030"),
    )
    total = frame.select(
        pl.lit(national_label).alias("province"),
        *[pl.col(c).sum() for c in frame.columns if c not in ("province", "reach")],
    ).with_columns((pl.col("guests") / pl.col("people_today")).alias("reach"))
    return pl.concat([total.select(frame.columns), frame.sort("province")], how="vertical")
