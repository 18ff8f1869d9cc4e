"""Dutch and English: a complete catalogue, formats per language, and pages that show no
untranslated text in either language."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.present.i18n import TEXT, fmt_date, fmt_eur, fmt_int, fmt_month, fmt_pct, t
from tests.conftest import APP, PAGE_FILES, run_app
from tests.pagetext import page_text

PAGES = PAGE_FILES


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_catalogue_is_complete():
    for key, (nl, en) in TEXT.items():
        assert nl.strip() and en.strip(), key
        assert _fields(nl) == _fields(en), key
    with pytest.raises(KeyError):
        t("no_such_key")


def test_formats_per_language():
    assert fmt_eur(16_000_000, "nl") == "€ 16.000.000"
    assert fmt_pct(0.84, 1, "nl") == "84,0%"
    assert fmt_int(1234567, "nl") == "1.234.567"
    assert fmt_date(date(2024, 1, 1), "nl") == "1 januari 2024"
    assert fmt_month(date(2024, 3, 1), "nl") == "mrt 2024"
    assert fmt_eur(16_000_000, "en") == "€16,000,000" or fmt_eur(16_000_000, "en") in (
        "€ 16,000,000",
        "€16,000,000",
    )
    assert fmt_pct(0.84, 1, "en") == "84.0%"
    assert fmt_date(date(2024, 1, 1), "en") == "1 January 2024"


# Catalogue strings that differ between the languages and are long enough to be unambiguous.
ONLY = {
    lang: [v[i] for v in TEXT.values() if v[0] != v[1] and not _fields(v[i]) and len(v[i]) >= 12]
    for i, lang in enumerate(("nl", "en"))
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_untranslated_text(demo_warehouse, monkeypatch, lang, page):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["centre"] = "C004"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    text = page_text(at, frames="columns")
    keys = [k for k in TEXT if "_" in k and re.search(rf"\b{re.escape(k)}\b", text)]
    assert not keys, keys  # no raw catalogue key shown
    other = "en" if lang == "nl" else "nl"
    leaked = [s for s in ONLY[other] if s in text and s not in ONLY[lang]]
    assert not leaked, leaked[:5]
    assert str(at.query_params["lang"]).strip("[]'") == lang


def test_unknown_language_falls_back_to_dutch(demo_warehouse, monkeypatch):
    at = run_app(demo_warehouse, monkeypatch, timeout=60, lang="<script>")
    assert not at.exception
    assert any("'lang'" in w.value for w in at.warning)
    assert at.title[0].value == t("overview_title", "nl")


def test_kept_formats_equal_babel_for_every_value_and_order():
    """The number and date formats keep Babel's results; what they print is Babel's own text,
    whatever was formatted before (a negative zero keeps its sign, in either order)."""
    from datetime import date as day

    from babel import dates, numbers

    from dashboard.present import i18n

    values = [-0.0, 0.0, 0, 1, -1.5, 0.125, 1234.5, -0.0, 2.5e6, 0.0]
    for lang in ("nl", "en"):
        loc = i18n.LOCALES[lang]
        for v in values + values[::-1]:
            want = numbers.format_decimal(v, format="#,##0.0", locale=loc)
            assert i18n.fmt_dec(v, 1, lang) == want, (v, lang)
            want = numbers.format_percent(v, format="#,##0%", locale=loc)
            assert i18n.fmt_pct(v, 0, lang) == want, (v, lang)
        assert i18n.fmt_date(day(2024, 1, 22), lang) == dates.format_date(
            day(2024, 1, 22), format="d MMMM yyyy", locale=loc
        )
