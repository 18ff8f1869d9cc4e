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

import polars as pl

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
    """Avoided care euros per euro of funding (low, central, high); None without funding."""
    if not funding_eur:
        return None
    return {k: v / funding_eur for k, v in value["avoided_care_eur"].items()}


def centre_values(table: pl.DataFrame, a: ValueAssumptions) -> pl.DataFrame:
    """Per centre: the value range of its visits and per euro of its funding (suppressed
    wherever its visits are)."""
    per_visit = 1 / a.reference_visits if a.reference_visits else 0.0
    visits = pl.col("visits")
    funding = pl.col("funding_per_visit_eur") * visits
    lo = visits * per_visit * min(a.care_eur_low, a.care_eur_high)
    hi = visits * per_visit * max(a.care_eur_low, a.care_eur_high)
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
        (lo / funding).alias("eur_per_euro_low"),
        (hi / funding).alias("eur_per_euro_high"),
    )


def referral_whatif(
    care_referred_guests: float, visits_per_guest: float, rate: float, a: ValueAssumptions
) -> dict:
    """If the share of care providers who refer rose from a.providers_referring to `rate`, and
    referred guests rose in proportion: extra guests, visits, and the value of those visits."""
    if not a.providers_referring:
        factor = 0.0
    else:
        factor = rate / a.providers_referring - 1
    extra_guests = care_referred_guests * factor
    extra_visits = extra_guests * visits_per_guest
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
