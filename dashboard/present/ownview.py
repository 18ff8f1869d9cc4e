"""What a centre's own view says in words and tables: this period against the same period a
year before, the percentile sentence, the months since the coordinator started, and the
before/after comparison with not-yet-funded centres. Pure functions, no Streamlit."""

from __future__ import annotations

import polars as pl

from dashboard.metrics.disclosure import MIN_PEERS
from dashboard.metrics.kpis import Kpi
from dashboard.metrics.ownview import OWN_KPIS
from dashboard.present.display import fmt_kpi, kpi_label
from dashboard.present.i18n import fmt_int, fmt_pct, fmt_pp, t


def year_table(now: dict[str, Kpi], before: dict[str, Kpi] | None, lang: str) -> pl.DataFrame:
    """KPI | this period | same period a year before | change (as on the Overview's tiles)."""

    def cell(k: Kpi | None, name: str) -> str:
        if k is None:
            return "–"
        return fmt_kpi(name, k.value, lang, k.suppressed)

    def change(name: str) -> str:
        a, b = now[name], before[name] if before else None
        if b is None or a.value is None or b.value is None:
            return "–"
        if a.unit == "share":
            return fmt_pp(a.value - b.value, lang)
        if a.unit == "rating":
            d = a.value - b.value
            return ("+" if d >= 0 else "-") + fmt_kpi(name, abs(d), lang)
        if not b.value:
            return "–"
        d = a.value / b.value - 1
        return ("+" if d >= 0 else "-") + fmt_pct(abs(d), 0, lang)

    return pl.DataFrame(
        {
            t("col_kpi", lang): [kpi_label(k, lang) for k in OWN_KPIS],
            t("own_col_now", lang): [cell(now[k], k) for k in OWN_KPIS],
            t("own_col_year_before", lang): [
                cell(before[k] if before else None, k) for k in OWN_KPIS
            ],
            t("own_col_change", lang): [change(k) for k in OWN_KPIS],
        }
    )


def percentile_sentence(name: str, kpi: str, result: dict | None, group: str, lang: str) -> str:
    if result is None:
        return t("own_percentile_none", lang, kpi=kpi_label(kpi, lang).lower(), n=MIN_PEERS)
    return t(
        "own_percentile",
        lang,
        name=name,
        value=fmt_kpi(kpi, result["value"], lang),
        kpi=kpi_label(kpi, lang),
        p=fmt_int(result["percentile"], lang),
        below=fmt_int(result["below"], lang),
        n=fmt_int(result["peers"], lang),
        peers=t(f"peers_{group}", lang),
        why=t(f"own_comparable_{group}", lang),
    )


def before_after_display(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The before/after rows as people read them: counts and shares in the language's formats,
    changes signed, the difference with its interval and a verdict."""

    def level(unit: str, v) -> str:
        if v is None:
            return t("suppressed", lang)
        return fmt_int(v, lang) if unit == "relative" else fmt_pct(v, 1, lang)

    def delta(unit: str, v) -> str:
        if v is None:
            return t("suppressed", lang)
        if unit == "pp":
            return fmt_pp(v, lang)
        return ("+" if v >= 0 else "-") + fmt_pct(abs(v), 0, lang)

    def verdict(row: dict) -> str:
        if row["suppressed"]:
            return t("ba_too_small", lang)
        if row["unclear"]:
            return t("ba_unclear", lang)
        return t("ba_higher" if row["difference"] > 0 else "ba_lower", lang)

    rows = frame.to_dicts()
    return pl.DataFrame(
        {
            t("col_kpi", lang): [kpi_label(r["outcome"], lang) for r in rows],
            t("ba_col_before", lang): [level(r["unit"], r["before"]) for r in rows],
            t("ba_col_after", lang): [level(r["unit"], r["after"]) for r in rows],
            t("ba_col_change", lang): [delta(r["unit"], r["change"]) for r in rows],
            t("ba_col_controls", lang): [delta(r["unit"], r["controls_change"]) for r in rows],
            t("ba_col_difference", lang): [
                t("suppressed", lang)
                if r["suppressed"]
                else f"{delta(r['unit'], r['difference'])} "
                f"({delta(r['unit'], r['low'])} … {delta(r['unit'], r['high'])})"
                for r in rows
            ],
            t("ba_col_verdict", lang): [verdict(r) for r in rows],
        }
    )
