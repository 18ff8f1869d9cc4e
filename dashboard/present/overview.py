"""Pure helpers of the Overview page: change texts, the KPI table, the survey-rate frame."""

from __future__ import annotations

import polars as pl

from dashboard.metrics.filters import Filters, whole_quarters
from dashboard.metrics.kpis import Kpi, KpiSet
from dashboard.present.i18n import fmt_dec, fmt_month, fmt_pct, fmt_pp, t

SURVEY_ROWS = (
    "quality_of_life_improved",
    "daily_functioning_improved",
    "picked_up_life",
    "more_energetic",
    "less_alone",
    "rating_8_plus",
)


def delta_text(name: str, now: Kpi, before: Kpi | None, n_months: int, lang: str) -> str | None:
    """'+3,2% t.o.v. vorige 12 mnd' for counts, '+1,5 pp' for shares, '+0,1' for ratings."""
    if before is None or now.value is None or before.value is None:
        return None
    suffix = t("delta_vs_previous", lang, n=n_months)
    if now.unit == "share":
        return f"{fmt_pp(now.value - before.value, lang)} {suffix}"
    if now.unit == "rating":
        diff = now.value - before.value
        return f"{'+' if diff >= 0 else '-'}{fmt_dec(abs(diff), 2, lang)} {suffix}"
    if not before.value:
        return None
    change = now.value / before.value - 1
    sign = "+" if change >= 0 else "-"
    return f"{sign}{fmt_pct(abs(change), 1, lang)} {suffix}"


def kpi_table(result: KpiSet) -> pl.DataFrame:
    """Every KPI as one row (suppressed ones without a value): the KPI download."""
    f = result.filters
    rows = [
        {
            "kpi": name,
            "value": None if kpi.value is None else float(kpi.value),
            "n": kpi.n,
            "unknown": kpi.unknown,
            "unit": kpi.unit,
            "suppressed": kpi.suppressed,
        }
        for name, kpi in result.kpis.items()
    ]
    return pl.DataFrame(
        rows,
        schema={
            "kpi": pl.String,
            "value": pl.Float64,
            "n": pl.Int64,
            "unknown": pl.Int64,
            "unit": pl.String,
            "suppressed": pl.Boolean,
        },
    ).with_columns(
        pl.lit(f.period_start).alias("period_from"),
        pl.lit(f.period_end).alias("period_to"),
        pl.lit(f.province).cast(pl.String).alias("province"),
        pl.lit(f.centre).cast(pl.String).alias("centre"),
    )


def survey_rates(kpis: dict[str, Kpi], lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "label": [t(f"q_{q}", lang) for q in SURVEY_ROWS],
            "value": [kpis[q].value for q in SURVEY_ROWS],
            "n": [kpis[q].n for q in SURVEY_ROWS],
        },
        schema={"label": pl.String, "value": pl.Float64, "n": pl.Int64},
    )


def survey_months_note(f: Filters, lang: str, per_centre: bool = False) -> str | None:
    """Below the national total survey answers count in the whole calendar quarters inside the
    period (Filters.survey_months): say which months those are when they are not the period.
    `per_centre`: for figures per centre (always below the national total)."""
    start, end = whole_quarters(f.month_from, f.month_to) if per_centre else f.survey_months
    if (start, end) == (f.month_from, f.month_to):
        return None
    if start > end:
        return t("survey_quarters_none", lang)
    return t(
        "survey_quarters",
        lang,
        start=fmt_month(start, lang),
        end=fmt_month(end, lang),
    )
