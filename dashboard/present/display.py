"""How a KPI reads on screen: its label and its value formatted for its unit (pure helpers)."""

from __future__ import annotations

import re

from dashboard.metrics.kpis import kpi_unit
from dashboard.present.i18n import TEXT, fmt_dec, fmt_eur, fmt_int, fmt_pct, t


def kpi_label(name: str, lang: str = "nl") -> str:
    key = f"kpi_{name}"
    if key in TEXT:
        return t(key, lang)
    if f"q_{name}" in TEXT:  # a survey question: its answer share reads as the question
        return t(f"q_{name}", lang)
    for prefix, cat in (
        ("share_referral_", "ref_"),
        ("share_diagnosis_", "dx_"),
        ("share_phase_", "ph_"),
    ):
        if name.startswith(prefix) and f"cat_{cat}{name.removeprefix(prefix)}" in TEXT:
            label = t(f"cat_{cat}{name.removeprefix(prefix)}", lang)
            return t("referred_prefix", lang) + label.lower() if cat == "ref_" else label
    return name


def fmt_kpi(name: str, value, lang: str = "nl", suppressed: bool = False) -> str:
    if suppressed:
        return t("suppressed", lang)
    if value is None:
        return "–"
    unit = kpi_unit(name)
    if unit == "share":
        # whole percents: below the national total that is all the rounded counts allow
        return fmt_pct(value, 0, lang)
    if unit == "rating":
        return fmt_dec(value, 1, lang)
    if unit == "eur":
        return fmt_eur(value, lang, digits=2)
    if unit == "ratio":
        return fmt_dec(value, 1, lang)
    return fmt_int(value, lang)


def centre_name(name: str | None, city: str | None = None, lang: str = "nl") -> str:
    """A centre as people read it: 'Name (City)', or for a coordinator's anonymous peer its
    label in the user's language ('Vergelijkingscentrum 07')."""
    peer = re.fullmatch(r"Peer (\d+)", name or "")
    if peer:
        return t("peer_label", lang, n=peer.group(1))
    if not name:
        return "–"
    return f"{name} ({city})" if city else name
