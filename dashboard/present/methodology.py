"""The methodology text, generated from the same definitions the computations use (KPI ratios,
event-study windows, value assumptions, thresholds), so the text cannot drift from the numbers."""

from __future__ import annotations

import polars as pl

from dashboard.constants import MIN_COUNT
from dashboard.metrics.kpis import COUNTS, RATIOS, SURVEY_QUESTIONS
from dashboard.present.display import kpi_label
from dashboard.present.i18n import TEXT, fmt_dec, fmt_int, fmt_pct, t
from dashboard.reference import load_assumptions


def count_words(column: str, lang: str) -> str:
    """A count column of the roll-ups in words."""
    key = f"count_{column}"
    if key in TEXT:
        return t(key, lang)
    for prefix in ("dx_", "ph_", "ref_"):
        if column.startswith(prefix) and f"cat_{column}" in TEXT:
            return t("count_guests_with", lang, what=t(f"cat_{column}", lang).lower())
    if column.endswith("_yes"):
        return t("count_yes", lang, q=_question(column.removesuffix("_yes"), lang))
    if column.endswith("_n"):
        return t("count_answers", lang, q=_question(column.removesuffix("_n"), lang))
    return column


def _question(prefix: str, lang: str) -> str:
    """The survey question behind a roll-up column prefix ('qol' -> 'Betere kwaliteit ...')."""
    for question, column in SURVEY_QUESTIONS.items():
        if column == prefix:
            return kpi_label(question, lang).lower()
    return t("count_rating", lang) if prefix == "rating" else prefix


def kpi_definitions(lang: str) -> pl.DataFrame:
    """One row per KPI: its label, how it is computed, and when it is not shown."""
    rows = []
    for name in COUNTS:
        rows.append(
            (
                kpi_label(name, lang),
                count_words(name, lang),
                t("suppressed_when", lang, n=MIN_COUNT, basis=count_words("guests", lang)),
            )
        )
    for name, r in RATIOS.items():
        part = " + ".join(count_words(c, lang) for c in r.part)
        how = f"{part} / {count_words(r.whole, lang)}"
        if r.unknown:
            how += " " + t("unknown_left_out", lang, what=count_words(r.unknown, lang))
        rows.append(
            (
                kpi_label(name, lang),
                how,
                t("suppressed_when", lang, n=MIN_COUNT, basis=count_words(r.basis, lang)),
            )
        )
    return pl.DataFrame(
        rows,
        schema=[t("col_kpi", lang), t("col_how", lang), t("col_suppressed", lang)],
        orient="row",
    )


def sources_table(lang: str) -> pl.DataFrame:
    rows = []
    for a in load_assumptions().values():
        if a.unit == "share":
            value = fmt_pct(a.value, 0, lang)
        elif a.value >= 1000:
            value = fmt_int(a.value, lang)
        else:
            value = (
                fmt_dec(a.value, 0, lang) if a.value == int(a.value) else fmt_dec(a.value, 2, lang)
            )
        unit = t(f"unit_{a.unit}", lang) if f"unit_{a.unit}" in TEXT else a.unit
        # the year as text: a number column would print 2025 as "2.025" in a Dutch browser
        year = str(a.year)
        rows.append((a.label_nl if lang == "nl" else a.label_en, value, unit, a.source, year))
    return pl.DataFrame(
        rows,
        schema=[
            t("col_figure", lang),
            t("col_value", lang),
            t("col_unit", lang),
            t("col_source", lang),
            t("col_year", lang),
        ],
        orient="row",
    )
