"""Number and date formats for people, Dutch by default (EUR 16.000.000, 84,0%).

Formatting goes through Babel's CLDR locale data so Dutch and English follow their own rules.
A Babel call parses its pattern every time (about 55 us); a page formats thousands of numbers
(slider options, table cells), so the results are kept (`_kept`: the same arguments always give
the same text).
"""

from __future__ import annotations

import math
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent


def _kept(babel_format):
    """`babel_format` with its results kept. Only values whose text depends on nothing else
    are kept: not None (Babel formats today's date for it), and a negative zero is looked up as
    itself (-0.0 equals 0.0 as a key, but Babel prints its sign)."""
    kept = lru_cache(maxsize=2**16, typed=True)(babel_format)

    def format_value(value, *args, **kwargs):
        if value is None or (value == 0 and math.copysign(1.0, value) < 0):
            return babel_format(value, *args, **kwargs)
        return kept(value, *args, **kwargs)

    return format_value


format_date = _kept(format_date)
format_decimal = _kept(format_decimal)
format_percent = _kept(format_percent)
format_currency = _kept(format_currency)

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
DEFAULT_LANG = "nl"


def _loc(lang: str) -> str:
    return LOCALES.get(lang, LOCALES[DEFAULT_LANG])


def fmt_int(value: float | int, lang: str = DEFAULT_LANG) -> str:
    return format_decimal(round(value), format="#,##0", locale=_loc(lang))


def fmt_dec(value: float, digits: int = 1, lang: str = DEFAULT_LANG) -> str:
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_loc(lang))


def fmt_p(value: float, lang: str = DEFAULT_LANG) -> str:
    """A p-value as a reader expects it: two decimals, and "< 0,01" rather than "0,00" (a
    p-value is never zero)."""
    if value < 0.01:
        return "< " + fmt_dec(0.01, 2, lang)
    return fmt_dec(value, 2, lang)


def fmt_pct(value: float, digits: int = 1, lang: str = DEFAULT_LANG) -> str:
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(value, format=pattern, locale=_loc(lang))


def fmt_pp(value: float, lang: str = DEFAULT_LANG) -> str:
    """A change in percentage points, signed: +2,3 pp."""
    # ASCII signs: st.metric reads the direction (arrow and colour) from them.
    sign = "+" if value > 0 else ("-" if value < 0 else "±")
    return f"{sign}{fmt_dec(abs(value) * 100, 1, lang)} pp"


def fmt_eur(value: float, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    pattern = "¤ #,##0" + ("." + "0" * digits if digits else "")
    return format_currency(value, "EUR", format=pattern, currency_digits=False, locale=_loc(lang))


def fmt_eur_short(value: float, lang: str = DEFAULT_LANG) -> str:
    """Large amounts for slides: EUR 2,8 mln / EUR 2.8 m."""
    if abs(value) >= 1_000_000:
        unit = " mln" if lang == "nl" else " m"
        return "€ " + fmt_dec(value / 1_000_000, 1, lang) + unit
    return fmt_eur(value, lang)


def fmt_month(d: date, lang: str = DEFAULT_LANG) -> str:
    return format_date(d, format="MMM yyyy", locale=_loc(lang))


def fmt_date(d: date, lang: str = DEFAULT_LANG) -> str:
    return format_date(d, format="d MMMM yyyy", locale=_loc(lang))


# The UI catalogue lives in catalogue/*.toml (one table per key with "nl" and "en"), so a
# translator edits text without reading code. Every file of the folder is read; a key defined
# twice is an error.
CATALOGUE_DIR = Path(__file__).with_name("catalogue")


def load_catalogue(folder: Path = CATALOGUE_DIR) -> dict[str, tuple[str, str]]:
    text: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            for key, entry in tomllib.load(fh).items():
                if key in text:
                    raise ValueError(f"{path.name}: catalogue key {key!r} is defined twice")
                text[key] = (entry["nl"], entry["en"])
    return text


TEXT: dict[str, tuple[str, str]] = load_catalogue()


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    nl, en = TEXT[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
