"""Tables for people: column headers in the user's language and every cell formatted the way
the tiles are (present/i18n.py), because st.dataframe's column formats cannot write Dutch
separators. An empty cell shows a dash, whose meaning the page's caption gives; a year never
gets a thousands separator. Downloads keep the code names beside the labels (export.py).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from dashboard.metrics.kpis import kpi_unit
from dashboard.present.display import fmt_kpi, kpi_label
from dashboard.present.i18n import TEXT, fmt_date, fmt_dec, fmt_eur, fmt_int, fmt_month, fmt_pct, t

DASH = "–"
SUFFIXES = {
    "n": "col_suffix_n",
    "lo": "col_suffix_lo",
    "hi": "col_suffix_hi",
    "suppressed": "col_suffix_suppressed",
}
YEAR_COLUMNS = {"year", "jaar"}


def column_label(name: str, lang: str) -> str:
    """The header of a column: its catalogue entry (col_<name>), else the KPI it holds, else
    the name itself (a test over every page finds those)."""
    if f"col_{name}" in TEXT:
        return t(f"col_{name}", lang)
    base, _, suffix = name.partition("__")
    if suffix in SUFFIXES:  # a KPI's companion column: visits__n, share_male__lo, ...
        return f"{column_label(base, lang)} ({t(SUFFIXES[suffix], lang)})"
    return kpi_label(name, lang)


def column_kind(name: str, dtype: pl.DataType) -> str:
    if name in YEAR_COLUMNS or name.endswith("_year"):
        return "year"
    if dtype == pl.Boolean:
        return "bool"
    if dtype == pl.Date:
        return "month" if name in {"month", "m_from", "first_month", "last_month"} else "date"
    if not dtype.is_numeric():
        return "text"
    # a range's bounds take the kind of what they bound (avoided_care_eur_low is euros)
    if name.endswith(("_low", "_high")) and not name.startswith("eur_per_euro"):
        name = name.rsplit("_", 1)[0]
        if name.startswith("avoided_") and not name.endswith("_eur"):
            return "int"  # estimated counts: whole numbers, not "74.800,0"
    if name.endswith("_eur") and ("per_" in name or "_per" in name):
        return "eur2"
    if name.endswith("_eur") or name.startswith(("funder_", "purpose_")):
        return "eur"
    if name.startswith("eur_per_euro"):
        return "eur2"
    if name.startswith("share_") or name.endswith("_share") or kpi_unit(name) == "share":
        return "pct"
    if kpi_unit(name) in ("rating", "ratio") or name.endswith("_fte") or name == "paid_fte":
        return "dec1"
    if dtype.is_integer():
        return "int"
    return "dec1"


def fmt_cell(value, kind: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return DASH
    if kind == "text":
        return str(value)
    if kind == "year":
        return str(int(value))
    if kind == "bool":
        return t("yes" if value else "no", lang)
    if kind == "month" and isinstance(value, date):
        return fmt_month(value, lang)
    if kind == "date" and isinstance(value, date):
        return fmt_date(value, lang)
    if kind == "eur":
        return fmt_eur(value, lang)
    if kind == "eur2":
        return fmt_eur(value, lang, digits=2)
    if kind == "pct":
        return fmt_pct(value, 1, lang)
    if kind == "dec1":
        return fmt_dec(value, 1, lang)
    if kind == "dec2":
        return fmt_dec(value, 2, lang)
    if kind == "int":
        return fmt_int(value, lang)
    if kind.startswith("kpi:"):
        return fmt_kpi(kind[4:], value, lang)
    raise ValueError(f"unknown column kind {kind!r}")


def display_frame(
    frame: pl.DataFrame,
    lang: str,
    kinds: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> pl.DataFrame:
    """`frame` as strings in the user's language, headers translated. `kinds` overrides the
    format a column's name and type suggest; `headers` its label."""
    kinds, headers = kinds or {}, headers or {}
    columns = {}
    for name in frame.columns:
        kind = kinds.get(name) or column_kind(name, frame.schema[name])
        label = headers.get(name) or column_label(name, lang)
        while label in columns:  # two codes with one label: keep both columns apart
            label += " "
        columns[label] = [fmt_cell(v, kind, lang) for v in frame[name].to_list()]
    return pl.DataFrame(columns, schema={k: pl.String for k in columns})
