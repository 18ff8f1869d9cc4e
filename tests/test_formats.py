"""Every page in both languages, as a person reads it: numbers in the page language's format
(none in the other's, no raw float, no year with a thousands separator), no code name, no
"None" or "nan" in a cell, and every table as text (st.dataframe would format numbers in the
browser's locale, not the page's)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, PAGE_FILES, frame_ran
from tests.pagetext import TEXT_ELEMENTS

# A number in the other language's grouping: 12,345 on a Dutch page, 12.345 on an English one
# (both languages print at most two decimals, so three digits after the mark are a group).
OTHER_GROUPING = {
    "nl": re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])"),
    "en": re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.])"),
}
RAW_FLOAT = re.compile(r"(?<![\d.,])\d{4,}[.,]\d+")  # 57910.28: no grouping at all
# A year of the data (2015-2029) printed as a number: 2.025 / 2,025 (the demo data is seeded,
# so no count in it happens to read like one).
YEAR_GROUPED = re.compile(r"(?<![\d.,])2[.,]0(?:1[5-9]|2\d)(?![\d.,])")
YEAR_HEADERS = {"Jaar", "Year"}
CODE_NAME = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
EMPTY_WORDS = re.compile(r"\b(?:None|nan|NaN|null)\b")


def _chart_text(spec: str) -> list[str]:
    """The text a chart prints: titles, names, tick labels, annotations, bar texts."""
    out: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in {"text", "name", "ticktext"}:
            out.append(node)

    walk(json.loads(spec))
    return out


def visible_text(at: AppTest) -> tuple[str, list[str]]:
    parts = []
    for kind in TEXT_ELEMENTS:
        parts += [e.value for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    for widget in ("selectbox", "radio", "select_slider"):
        for w in getattr(at, widget):
            parts.append(str(w.label))
            parts += [str(o) for o in getattr(w, "options", [])]
    problems = []
    for frame in at.dataframe:
        df = frame.value
        for column in df.columns:
            values = df[column]
            if values.dtype.kind == "f":
                problems.append(f"float column {column!r}: formatted by the browser")
            elif values.dtype.kind in "iu" and values.abs().max() >= 1000:
                problems.append(f"number column {column!r} >= 1000: grouped by the browser")
            elif values.dtype == object:
                shown = values.dropna().astype(str)
                shown = shown[~shown.str.startswith("?")]  # links to a view: URLs, not text
                parts += shown.tolist()
                if values.isna().any():
                    problems.append(f"empty cell in {column!r}: shown as None")
        parts += [str(c) for c in df.columns]
        for column in set(df.columns) & YEAR_HEADERS:
            if not df[column].astype(str).str.fullmatch(r"\d{4}").all():
                problems.append(f"year column {column!r} not shown as a plain year")
    for chart in at.get("plotly_chart"):
        parts += _chart_text(chart.proto.spec)
    return "\n".join(parts), problems


@pytest.mark.parametrize("centre", [None, "C004"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", PAGE_FILES)
def test_numbers_and_words_in_the_page_language(demo_warehouse, monkeypatch, page, lang, centre):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    if centre:
        at.query_params["centre"] = centre
    at.run()
    at.switch_page(page).run()
    assert not at.exception and frame_ran(at)
    text, problems = visible_text(at)
    text = re.sub(r":material/[a-z_]+:", "", text)  # icon names, drawn as icons
    text = re.sub(r"[\w/.-]+\.(?:py|toml|csv|sql|md)\b", "", text)  # file names cited as such
    found = {
        "tables": problems,
        "other language's format": OTHER_GROUPING[lang].findall(text)[:5],
        "raw float": RAW_FLOAT.findall(text)[:5],
        "year with a separator": YEAR_GROUPED.findall(text)[:5],
        "empty word": EMPTY_WORDS.findall(text)[:5],
        "code name": sorted(set(CODE_NAME.findall(text)))[:10],
    }
    assert not any(found.values()), {k: v for k, v in found.items() if v}
