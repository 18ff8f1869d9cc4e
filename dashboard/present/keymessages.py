"""The Overview's three key messages in words, generated from the same figures the tiles, the
charts and the Impact page show: what happened (visits and guests, and the change against the
previous period), whom the centres reach (men and youth, and their change in percentage
points), and what the paid coordinator changed (the Impact page's headline, with the first
claimed outcome and its interval).
Pure functions, no Streamlit; a suppressed or missing figure gives a sentence that says so,
never a number that is not there."""

from __future__ import annotations

from dashboard.metrics.impact import HEADLINE, EventStudy
from dashboard.metrics.kpis import Kpi, KpiSet
from dashboard.present.i18n import fmt_int, fmt_pct, fmt_pp, t
from dashboard.present.impacttext import claims, effect_line, headline


def _change(now: Kpi, before: Kpi | None) -> float | None:
    if before is None or now.value is None or not before.value:
        return None
    return now.value / before.value - 1


def visits_message(current: KpiSet, previous: KpiSet | None, place: str, lang: str) -> str:
    k = current.kpis
    visits, guests = k["visits"], k["guests"]
    if visits.value is None or guests.value is None:
        return t("msg_visits_suppressed", lang, place=place)
    text = t(
        "msg_visits",
        lang,
        place=place,
        visits=fmt_int(visits.value, lang),
        guests=fmt_int(guests.value, lang),
        months=current.filters.n_months,
    )
    change = _change(visits, previous.kpis["visits"] if previous else None)
    if change is None:
        return text
    if fmt_pct(abs(change), 1, lang) == fmt_pct(0, 1, lang):  # as the tile shows it: ±0,0%
        return text + " " + t("msg_visits_same", lang)
    return (
        text
        + " "
        + t(
            "msg_visits_change",
            lang,
            verb=t("msg_more" if change >= 0 else "msg_fewer", lang),
            x=fmt_pct(abs(change), 1, lang),  # the tile's precision: the same figure twice
        )
    )


def reach_message(current: KpiSet, previous: KpiSet | None, lang: str) -> str:
    k = current.kpis
    men, youth = k["share_male"], k["share_youth"]
    if men.value is None or youth.value is None:
        return t("msg_reach_suppressed", lang)
    text = t(
        "msg_reach",
        lang,
        men=fmt_pct(men.value, 0, lang),
        youth=fmt_pct(youth.value, 0, lang),
    )
    if previous is None:
        return text
    before_men, before_youth = previous.kpis["share_male"], previous.kpis["share_youth"]
    if before_men.value is None or before_youth.value is None:
        return text
    return (
        text
        + " "
        + t(
            "msg_reach_change",
            lang,
            men=fmt_pp(men.value - before_men.value, lang),
            youth=fmt_pp(youth.value - before_youth.value, lang),
        )
    )


def impact_message(studies: dict[str, EventStudy] | None, lang: str) -> str:
    """The Impact page's headline sentence (dashboard/present/impacttext.py: only outcomes that
    survive the Holm correction are claimed) and the first claimed outcome with its interval,
    so the Overview cannot claim more than the Impact page and the deck."""
    if not studies:
        return t("no_event_study", lang)
    title, _ = headline(studies, lang)
    if not any(s.available for s in studies.values()):
        return title
    claimed = claims(studies)
    first = next((o for o in HEADLINE if claimed.get(o)), None)
    if first is None:
        return title
    return f"{title} {effect_line(studies[first], True, lang)}"


def key_messages(
    current: KpiSet,
    previous: KpiSet | None,
    studies: dict[str, EventStudy] | None,
    place: str,
    lang: str,
) -> list[str]:
    """Three sentences: visits, reach among men and youth, the coordinator's effect."""
    return [
        visits_message(current, previous, place, lang),
        reach_message(current, previous, lang),
        impact_message(studies, lang),
    ]
