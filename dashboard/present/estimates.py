"""How estimates read, defined once for the Impact page, the Overview and the board pack: the
societal-value rows and rounded ranges (the impact sentences are in impacttext.py). Estimates
are rounded to what the model can carry (two significant figures of the larger bound, both
bounds to the same step, "ca."), so "178.082 tot 237.442" reads "ca. 180.000 tot 240.000"; a
range never mixes units.
"""

from __future__ import annotations

import math

from dashboard.present.i18n import fmt_dec, fmt_eur, fmt_eur_short, fmt_int, t
from dashboard.reference import load_assumptions


def round_step(high: float, digits: int = 2) -> float:
    """The rounding step that leaves `digits` significant figures of `high`."""
    if not high:
        return 1.0
    return 10.0 ** (math.floor(math.log10(abs(high))) - digits + 1)


def rounded(low: float, high: float, digits: int = 2) -> tuple[float, float]:
    step = round_step(max(abs(low), abs(high)), digits)
    return round(low / step) * step, round(high / step) * step


def count_range(low: float, high: float, lang: str) -> str:
    """'ca. 180.000 tot 240.000' (two significant figures)."""
    lo, hi = rounded(low, high)
    return t("about_range", lang, low=fmt_int(lo, lang), high=fmt_int(hi, lang))


def eur_range(low: float, high: float, lang: str) -> str:
    """'ca. € 9,6 tot 13 mln': one unit for both bounds, the unit of the larger one."""
    lo, hi = rounded(low, high)
    if hi >= 1_000_000:
        unit = t("unit_mln", lang)
        return t(
            "about_range",
            lang,
            low="€ " + _sig(lo / 1_000_000, lang),
            high=_sig(hi / 1_000_000, lang) + " " + unit,
        )
    return t("about_range", lang, low=fmt_eur(lo, lang), high=fmt_eur(hi, lang))


def small_eur_range(low: float, high: float, lang: str) -> str:
    """'ca. € 3,7 tot € 5,1' for euros per euro: two significant figures, cents only where
    the amounts are that small."""
    lo, hi = rounded(low, high)
    digits = _decimals(round_step(max(abs(low), abs(high))))
    return t("about_range", lang, low=fmt_eur(lo, lang, digits), high=fmt_eur(hi, lang, digits))


def about(value: float, lang: str, prefix: bool = True) -> str:
    """'ca. 6.000' for an estimated or projected count of 5.979: two significant figures."""
    step = round_step(abs(value))
    shown = fmt_int(round(value / step) * step, lang)
    return t("about", lang, x=shown) if prefix else shown


def about_count(value: float, low: float, high: float, lang: str) -> tuple[str, str, str]:
    """An estimated count and its bounds, all three to the step of two significant figures of
    the larger bound: (23.000, 13.000, 34.000) for 23.405 (12.752 to 34.058)."""
    step = round_step(max(abs(low), abs(high), abs(value)))
    return tuple(fmt_int(round(x / step) * step, lang) for x in (value, low, high))


def about_eur(value: float, reference: float, lang: str) -> str:
    """An estimated amount in euros to the step of two significant figures of `reference`
    (for example its bound): € 0,88 stays, € 1,33 reads € 1,3 beside € 0,47."""
    step = round_step(abs(reference))
    return fmt_eur(round(value / step) * step, lang, _decimals(step))


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _sig(x: float, lang: str) -> str:
    """A rounded amount in millions without trailing zero decimals: 9,6 / 13."""
    return fmt_dec(x, 0 if x == int(x) else 1, lang)


def value_rows(v: dict, ratio: dict | None, funding: float, lang: str) -> list[tuple[str, str]]:
    """The societal value as (measure, rounded range) rows: consultations, care euros, the
    return-to-work upper bound and avoided care per euro of funding."""
    rows = [
        (
            t("row_consultations", lang),
            count_range(
                v["avoided_consultations"]["low"], v["avoided_consultations"]["high"], lang
            ),
        ),
        (
            t("row_care_eur", lang),
            eur_range(v["avoided_care_eur"]["low"], v["avoided_care_eur"]["high"], lang),
        ),
        (
            t("row_rtw", lang),
            t("up_to", lang, x=fmt_eur_short(v["return_to_work_eur_up_to"], lang)),
        ),
    ]
    if ratio:
        rows.append(
            (
                t("row_per_euro", lang, funding=fmt_eur_short(funding, lang)),
                small_eur_range(ratio["low"], ratio["high"], lang),
            )
        )
    return rows


def model_words(v, lang: str) -> dict[str, str]:
    """The value model's rule as the Impact page and the Methodology state it: at about `ref`
    visits a year, `c_low` to `c_high` avoided consultations a year, per `source` (Ecorys)."""
    return {
        "ref": fmt_int(v.reference_visits, lang),
        "c_low": fmt_int(v.consultations_low, lang),
        "c_high": fmt_int(v.consultations_high, lang),
        "source": load_assumptions()["ecorys_avoided_consultations_low"].source,
    }
