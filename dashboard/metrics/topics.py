"""The demographic topics of the Demographics page: which shares each one draws."""

from __future__ import annotations

from dashboard.metrics.kpis import DIAGNOSES, PHASES, REFERRALS

TOPICS: dict[str, tuple[str, ...]] = {
    "gender": ("share_female", "share_male", "share_gender_other"),
    "focus": ("share_50_plus", "share_youth"),
    "age": ("share_children", "share_young_adults", "share_40_49", "share_50_plus"),
    "relation": ("share_patients", "share_relatives", "share_bereaved"),
    "referral": tuple(f"share_referral_{r}" for r in REFERRALS),
    "diagnosis": tuple(f"share_diagnosis_{d}" for d in DIAGNOSES),
    "phase": tuple(f"share_phase_{p}" for p in PHASES),
}
# One share to follow per province or for one centre against the national line.
SINGLE_SHARES = (
    "share_male",
    "share_50_plus",
    "share_youth",
    "share_children",
    "share_young_adults",
    "share_relatives",
    "share_bereaved",
    "share_referral_care",
    "share_referral_gp",
    "share_referral_specialist_or_nurse",
)
# The "what changed" strip.
CHANGE_SHARES = (
    "share_male",
    "share_50_plus",
    "share_youth",
    "share_relatives",
    "share_referral_care",
)
GRAINS = ("month", "quarter")
SPLITS = ("national", "province", "centre")
