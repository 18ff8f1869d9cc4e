"""The impact estimates in words a director uses: which of the five headline outcomes changed
after the paid coordinator came (only those that survive the Holm correction across the five),
with the likely range, and plainly "no change can be shown" for the rest. The Impact page and
the board pack both read their sentences here, so they cannot claim different things."""

from __future__ import annotations

from dashboard.metrics.impact import COUNT_OUTCOMES, HEADLINE, EventStudy, holm
from dashboard.present.display import kpi_label
from dashboard.present.i18n import fmt_dec, fmt_pct, t


def outcome_label(outcome: str, lang: str) -> str:
    """The outcome's name; shares say whose share they are (new guests, or all guests as the
    secondary view)."""
    if outcome.endswith("_all"):
        return t("impact_among_all", lang, what=kpi_label(outcome.removesuffix("_all"), lang))
    if outcome in COUNT_OUTCOMES:
        return kpi_label(outcome, lang)
    return t("impact_among_new", lang, what=kpi_label(outcome, lang))


def points(value: float, lang: str) -> str:
    """A share difference in words: 3,2 procentpunt (no 'pp' in the main text)."""
    return t("impact_points", lang, x=fmt_dec(abs(value) * 100, 1, lang))


def signed_points(value: float, lang: str) -> str:
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return sign + points(value, lang)


def effect_line(study: EventStudy, claimed: bool, lang: str) -> str:
    what = outcome_label(study.outcome, lang)
    if not study.available:
        return t("impact_no_estimate", lang, what=what)
    if not claimed:
        return t("impact_no_claim", lang, what=what)
    if study.unit == "relative":
        return t(
            "impact_claim_relative",
            lang,
            what=what,
            verb=t("rose" if study.estimate >= 0 else "fell", lang),
            x=fmt_pct(abs(study.estimate), 0, lang),
            a=fmt_pct(study.low, 0, lang),
            b=fmt_pct(study.high, 0, lang),
        )
    return t(
        "impact_claim_points",
        lang,
        what=what,
        x=points(study.estimate, lang),
        direction=t("impact_higher" if study.estimate >= 0 else "impact_lower", lang),
        a=signed_points(study.low, lang),
        b=signed_points(study.high, lang),
    )


def claims(studies: dict[str, EventStudy]) -> dict[str, bool]:
    """Which headline outcomes may be claimed: Holm across the five at 5%."""
    return holm({o: studies[o].p_value for o in HEADLINE if o in studies})


def headline(studies: dict[str, EventStudy], lang: str) -> tuple[str, list[str]]:
    """The title sentence and one line per headline outcome."""
    if not any(s.available for s in studies.values()):
        return t("no_event_study", lang), []
    claimed = claims(studies)
    n = sum(claimed.values())
    title = (
        t("impact_headline_some", lang, n=n, m=len(claimed))
        if n
        else t("impact_headline_none", lang)
    )
    lines = [effect_line(studies[o], claimed.get(o, False), lang) for o in HEADLINE if o in studies]
    return title, lines
