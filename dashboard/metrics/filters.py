"""The shared filters (period, province, centre) and their round trip through the URL.

`parse_filters` turns untrusted query-parameter strings into a validated `Filters`: every value
is checked against the known set (months in the warehouse, the twelve provinces, known centre
ids). An invalid value is replaced by a safe default and explained in a message; it never
raises. Only validated values ever reach a query, and only as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dashboard.constants import ROUND_TO
from dashboard.contract import PROVINCES
from dashboard.metrics.disclosure import MIN_AREA_CENTRES

MAX_PARAM_LENGTH = 64
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")
DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class Centre:
    centre_id: str
    name: str
    city: str
    province: str
    opened_on: date | None = None


@dataclass(frozen=True)
class Catalog:
    """The valid filter values, read from the warehouse."""

    months: tuple[date, ...]  # first day of every month with data, ascending
    centres: dict[str, Centre]
    province_choices: tuple[str, ...] | None = None  # default: the centres' provinces
    # provinces whose figures this viewer may not see (a coordinator: too few centres)
    hidden_areas: frozenset[str] = frozenset()

    @property
    def provinces(self) -> tuple[str, ...]:
        if self.province_choices is not None:
            return self.province_choices
        return tuple(sorted({c.province for c in self.centres.values()}))

    def established(self) -> frozenset[str]:
        """The centres open in the first month of data. Only these are listed as peers to a
        coordinator: a centre that opened later would appear in the month it opened, and public
        opening dates would name it."""
        first = self.months[0] if self.months else date.max
        return frozenset(
            c.centre_id
            for c in self.centres.values()
            if c.opened_on is not None and c.opened_on <= first
        )

    def small_areas(self) -> frozenset[str]:
        """Provinces with fewer than MIN_AREA_CENTRES centres open in the first month of data
        (centres do not close, so in every month): their figures are those of a few peers."""
        first = self.months[0] if self.months else date.max
        open_then: dict[str, int] = {}
        for c in self.centres.values():
            opened = c.opened_on is not None and c.opened_on <= first
            open_then[c.province] = open_then.get(c.province, 0) + int(opened)
        return frozenset(p for p, n in open_then.items() if n < MIN_AREA_CENTRES)

    def for_viewer(self, viewer) -> Catalog:
        """What a viewer may filter on and see: a coordinator their own centre, and their own
        province only where it is not a small area (fewer centres would expose the others) and
        every centre in it is listed to them (Catalog.established): the province's figures
        minus the listed centres' would give a later centre's figures back; every small area's
        figures are hidden from them."""
        if viewer.names_centres:
            return self
        own = self.centres[viewer.centre]
        hidden = self.small_areas()
        listed = self.established() | {own.centre_id}
        whole = all(
            c.centre_id in listed for c in self.centres.values() if c.province == own.province
        )
        return Catalog(
            months=self.months,
            centres={own.centre_id: own},
            province_choices=(own.province,) if own.province not in hidden and whole else (),
            hidden_areas=hidden,
        )


@dataclass(frozen=True)
class Filters:
    month_from: date
    month_to: date
    province: str | None = None
    centre: str | None = None

    @property
    def period_start(self) -> date:
        return self.month_from

    @property
    def period_end(self) -> date:
        return add_months(self.month_to, 1) - timedelta(days=1)

    @property
    def n_months(self) -> int:
        return months_between(self.month_from, self.month_to) + 1

    @property
    def level(self) -> str:
        if self.centre:
            return "centre"
        return "province" if self.province else "national"

    @property
    def key(self) -> str:
        return self.centre or self.province or "NL"

    @property
    def national(self) -> bool:
        return self.level == "national"

    @property
    def survey_months(self) -> tuple[date, date]:
        """The months whose survey answers count for this filter. Nationally the period itself;
        below the national total the whole calendar quarters inside it, because there survey
        answers are published only as rounded quarter cells and sums of them (a month holds a
        handful of answers; periods that overlap would otherwise give single months away).
        Without a whole quarter in the period, `from` comes after `to` (no answers)."""
        if self.national:
            return self.month_from, self.month_to
        return whole_quarters(self.month_from, self.month_to)

    @property
    def round_to(self) -> int:
        """The base below which counts are rounded in the warehouse's sums: 1 (exact) for the
        national total, ROUND_TO below it."""
        return 1 if self.national else ROUND_TO

    def previous(self) -> Filters:
        """The period of equal length just before this one, same place filter."""
        n = self.n_months
        return replace(
            self, month_from=add_months(self.month_from, -n), month_to=add_months(self.month_to, -n)
        )

    def to_params(self) -> dict[str, str]:
        params = {"from": self.month_from.strftime("%Y-%m"), "to": self.month_to.strftime("%Y-%m")}
        if self.province:
            params["province"] = self.province
        if self.centre:
            params["centre"] = self.centre
        return params


def whole_quarters(month_from: date, month_to: date) -> tuple[date, date]:
    """The first and last month of the whole calendar quarters inside [month_from, month_to]
    (first after last when there is none)."""
    start, end = month_from, month_to
    if (start.month - 1) % 3:
        start = add_months(start, 3 - (start.month - 1) % 3)
    if end.month % 3:
        end = add_months(end, -(end.month % 3))
    return start, end


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    return date(total // 12, total % 12 + 1, 1)


def months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def parse_month(text: str) -> date | None:
    """'2024-03' or '2024-03-15' -> 2024-03-01; anything else -> None."""
    m = _MONTH.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12 or year < 1:
        return None
    return date(year, month, 1)


def default_filters(catalog: Catalog) -> Filters:
    """The latest twelve months with data, the whole country."""
    last = catalog.months[-1]
    first = max(catalog.months[0], add_months(last, -(DEFAULT_MONTHS - 1)))
    return Filters(first, last)


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # a parameter given twice
        value = value[-1] if value else None
        if value is None:
            return None
    return str(value)


ALL_CENTRES = "all"  # `centre=all`: every centre, said explicitly (for a viewer with a default)


def parse_filters(
    params: Mapping[str, object], catalog: Catalog, default_centre: str | None = None
) -> tuple[Filters, list[str]]:
    """Validated filters from URL parameters, plus a message for every value that was refused.

    `default_centre` (a coordinator's own centre) is the centre when the link names none;
    `centre=all` asks for every centre explicitly, so such a view still has a link."""
    messages: list[str] = []
    base = default_filters(catalog)
    valid_months = set(catalog.months)

    def month(name: str, fallback: date) -> date:
        raw = _clean(params.get(name))
        if raw is None or raw == "":
            return fallback
        if len(raw) > MAX_PARAM_LENGTH or (parsed := parse_month(raw)) is None:
            messages.append(f"invalid_month:{name}")
            return fallback
        if parsed not in valid_months:
            messages.append(f"month_out_of_range:{name}")
            return min(max(parsed, catalog.months[0]), catalog.months[-1])
        return parsed

    month_from = month("from", base.month_from)
    month_to = month("to", base.month_to)
    if month_from > month_to:
        messages.append("period_reversed")
        month_from, month_to = month_to, month_from

    province = _clean(params.get("province")) or None
    if province is not None and (
        len(province) > MAX_PARAM_LENGTH or province not in catalog.provinces
    ):
        # a real province this viewer may not see (a coordinator's catalogue) is not "unknown"
        messages.append("province_not_shown" if province in PROVINCES else "unknown_province")
        province = None

    centre = _clean(params.get("centre")) or None
    if centre is None and province is None and default_centre in catalog.centres:
        centre = default_centre
    elif centre == ALL_CENTRES:
        centre = None
    if centre is not None:
        if len(centre) > MAX_PARAM_LENGTH or centre not in catalog.centres:
            messages.append("unknown_centre")
            centre = None
        elif province is not None and catalog.centres[centre].province != province:
            messages.append("centre_outside_province")
            province = catalog.centres[centre].province
    if centre is not None and province is None:
        province = catalog.centres[centre].province
    return Filters(month_from, month_to, province, centre), messages


PRESETS = ("last_12", "since_grant", "grant_after")


def period_presets(
    months: tuple[date, ...], grant_start: date | None
) -> dict[str, tuple[date, date]]:
    """Named periods for the period slider, each within the months with data:

    - last_12: the latest twelve months;
    - since_grant: from the month the KWF grant started to the latest month;
    - grant_after: the twelve months from the grant's start, so that every "change against the
      previous period" reads as after the grant against the twelve months before it;
    - year_YYYY: every complete calendar year in the data, the latest first.

    A preset that does not fit the data (no grant yet, fewer than twelve months before or after
    it) is left out."""
    if not months:
        return {}
    first, last = months[0], months[-1]
    out = {"last_12": (max(first, add_months(last, -(DEFAULT_MONTHS - 1))), last)}
    if grant_start is not None:
        start = grant_start.replace(day=1)
        if first <= start <= last:
            out["since_grant"] = (start, last)
            after = add_months(start, DEFAULT_MONTHS - 1)
            if after <= last and add_months(start, -DEFAULT_MONTHS) >= first:
                out["grant_after"] = (start, after)
    for year in range(last.year, first.year - 1, -1):
        jan, dec = date(year, 1, 1), date(year, 12, 1)
        if jan >= first and dec <= last:
            out[f"year_{year}"] = (jan, dec)
    return out
