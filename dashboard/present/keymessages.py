"""The Overview's three key messages in words, generated from the same figures the tiles, the
charts and the Impact page show: what happened (visits and guests, and the change against the
previous period), whom the centres reach (men and youth, and their change in percentage
points), and what the paid coordinator changed (the event study's headline with its interval).
Pure functions, no Streamlit; a suppressed or missing figure gives a sentence that says so,
never a number that is not there."""

from __future__ import annotations

from dashboard.metrics.impact import EventStudy
from dashboard.metrics.kpis import Kpi, KpiSet
from dashboard.present.display import kpi_label
from dashboard.present.i18n import fmt_int, fmt_pct, fmt_pp, t


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
    return (
        text
        + " "
        + t(
            "msg_visits_change",
            lang,
            verb=t("msg_more" if change >= 0 else "msg_fewer", lang),
            x=fmt_pct(abs(change), 0, lang),
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


def impact_message(study: EventStudy | None, lang: str) -> str:
    if study is None or not study.available:
        return t("no_event_study", lang)
    what = kpi_label(study.outcome, lang).lower()
    interval = {"a": fmt_pct(study.low, 0, lang), "b": fmt_pct(study.high, 0, lang)}
    if study.low <= 0 <= study.high:
        return t("msg_impact_unclear", lang, what=what, **interval)
    return t(
        "msg_impact",
        lang,
        what=what,
        verb=t("rose" if study.estimate >= 0 else "fell", lang),
        x=fmt_pct(abs(study.estimate), 0, lang),
        n=study.funded_centres,
        **interval,
    )


def key_messages(
    current: KpiSet, previous: KpiSet | None, study: EventStudy | None, place: str, lang: str
) -> list[str]:
    """Three sentences: visits, reach among men and youth, the coordinator's effect."""
    return [
        visits_message(current, previous, place, lang),
        reach_message(current, previous, lang),
        impact_message(study, lang),
    ]
