"""The eight headline tiles (label, value, change against the previous period, help text),
declared once: the Overview shows them, the board pack's KPI slide lists them and
`ipso-dashboard kpis` names them. A change is neutral when there is none, and flagged as within
noise when it is smaller than its 95% interval (Poisson for visit and guest counts, the interval
of a difference of two proportions for shares), so a small move on a small n is not painted red.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.constants import Z95
from dashboard.metrics.kpis import TILES, Kpi, KpiSet
from dashboard.present.display import fmt_kpi
from dashboard.present.i18n import fmt_dec, fmt_int, fmt_pct, fmt_pp, t

# kpi -> (catalogue key of its label, of its help text)
TILE_TEXT = {
    "centres": ("kpi_centres", "help_centres"),
    "visits": ("kpi_visits", "help_visits"),
    "guests": ("kpi_guests", "help_guests"),
    "new_guests": ("kpi_new_guests", "help_new_guests"),
    "volunteers": ("kpi_volunteers", "help_volunteers"),
    "paid_coordinators": ("kpi_paid_coordinators", "help_paid_coordinators"),
    "rating_mean": ("kpi_rating_mean", "help_rating"),
    "quality_of_life_improved": ("kpi_qol", "help_qol"),
}
assert tuple(TILE_TEXT) == TILES
# Counts of people and visits vary from period to period by chance; counts of centres,
# coordinators and volunteers are registrations, whose change is exact.
NOISY_COUNTS = {"visits", "guests", "new_guests"}


@dataclass(frozen=True)
class Change:
    value: str  # "+3,2%"
    description: str  # "t.o.v. vorige 12 mnd (binnen toeval)"
    direction: int  # +1, 0, -1: the arrow
    noise: bool  # within the 95% interval of chance variation: shown grey, with a hint
    hint: str = ""  # "binnen toeval" when within noise: all a tile has room for beside it

    @property
    def text(self) -> str:
        return f"{self.value} {self.description}"


@dataclass(frozen=True)
class Tile:
    kpi: str
    label: str
    value: str
    change: Change | None
    help: str
    suppressed: bool


def _within_noise(name: str, now: Kpi, before: Kpi) -> bool:
    if now.unit == "share" and now.n and before.n:
        p1, p2 = float(now.value), float(before.value)
        se = math.sqrt(p1 * (1 - p1) / now.n + p2 * (1 - p2) / before.n)
        return abs(p1 - p2) < Z95 * se
    if name in NOISY_COUNTS:
        return abs(now.value - before.value) < Z95 * math.sqrt(now.value + before.value)
    return False


def change(name: str, now: Kpi, before: Kpi | None, n_months: int, lang: str) -> Change | None:
    """'+3,2% t.o.v. vorige 12 mnd' for counts, '+1,5 pp' for shares, '+0,1' for ratings;
    None when there is nothing to compare with."""
    if before is None or now.value is None or before.value is None:
        return None
    suffix = t("delta_vs_previous", lang, n=n_months)
    diff = now.value - before.value
    if now.unit == "share":
        shown = fmt_pp(diff, lang)
        zero = shown.startswith("±")
    elif now.unit == "rating":
        # one decimal, as the rating itself: a change the tile cannot show is no change
        shown = fmt_dec(abs(diff), 1, lang)
        zero = shown == fmt_dec(0, 1, lang)
        shown = ("±" if zero else "+" if diff > 0 else "-") + shown
    else:
        if not before.value:
            return None
        rel = now.value / before.value - 1
        shown = fmt_pct(abs(rel), 1, lang)
        zero = shown == fmt_pct(0, 1, lang)
        shown = ("±" if zero else "+" if rel > 0 else "-") + shown
    direction = 0 if zero else (1 if diff > 0 else -1)
    noise = direction != 0 and _within_noise(name, now, before)
    description = suffix + (f" ({t('change_noise', lang)})" if noise else "")
    return Change(shown, description, direction, noise, t("change_noise", lang) if noise else "")


def _help(name: str, result: KpiSet, lang: str) -> str:
    k = result.kpis
    key = TILE_TEXT[name][1]
    if name == "volunteers":
        return t(key, lang, year=result.staffing_year or "–")
    if name == "paid_coordinators":
        return t(key, lang, fte=fmt_dec(k["paid_fte"].value or 0, 1, lang))
    if name == "rating_mean":
        share = fmt_kpi(
            "rating_8_plus", k["rating_8_plus"].value, lang, k["rating_8_plus"].suppressed
        )
        return t(key, lang, n=fmt_int(k["rating_mean"].n or 0, lang), share=share)
    if name == "quality_of_life_improved":
        return t(key, lang, n=fmt_int(k[name].n or 0, lang))
    return t(key, lang)


def tiles(current: KpiSet, previous: KpiSet | None, lang: str) -> list[Tile]:
    """The headline tiles of `current`, with their change against `previous` (None when the
    previous period lies outside the data: no change is shown then)."""
    n = current.filters.n_months
    out = []
    for name in TILES:
        kpi = current.kpis[name]
        before = previous.kpis[name] if previous is not None else None
        out.append(
            Tile(
                kpi=name,
                label=t(TILE_TEXT[name][0], lang),
                value=fmt_kpi(name, kpi.value, lang, kpi.suppressed),
                change=change(name, kpi, before, n, lang),
                help=_help(name, current, lang),
                suppressed=kpi.suppressed,
            )
        )
    return out
