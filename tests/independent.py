"""An independent computation of the contract's KPIs: plain polars over the Parquet files.

It shares no code with the warehouse (no roll-ups, no SQL): distinct guests are counted from
the raw visits, ages from each guest's last visit in the period, funding day by day.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import polars as pl


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def load(extract: Path) -> dict[str, pl.DataFrame]:
    return {
        t: pl.read_parquet(extract / t / "*.parquet")
        for t in ("centres", "staffing", "guests", "visits", "surveys", "grants")
    }


def kpis(tables, start: date, end_month: date, province=None, centre=None) -> dict:
    end = month_end(end_month)
    centres = tables["centres"]
    place = centres
    if province:
        place = place.filter(pl.col("province") == province)
    if centre:
        place = place.filter(pl.col("centre_id") == centre)
    ids = place["centre_id"].to_list()

    v = tables["visits"].filter(
        pl.col("visit_date").is_between(start, end) & pl.col("centre_id").is_in(ids)
    )
    per_guest = v.group_by("guest_id").agg(pl.col("visit_date").max().alias("last"))
    g = per_guest.join(tables["guests"], on="guest_id").with_columns(
        age=pl.col("last").dt.year() - pl.col("birth_year")
    )
    out = {
        "visits": v.height,
        "guests": g.height,
        "new_guests": g.filter(pl.col("first_visit_on").is_between(start, end)).height,
    }
    known_gender = g.filter(pl.col("gender") != "unknown")
    out["share_female"] = (known_gender["gender"] == "female").mean()
    out["share_male"] = (known_gender["gender"] == "male").mean()
    known_age = g.filter(pl.col("age").is_not_null() & (pl.col("age") >= 0))
    out["share_50_plus"] = (known_age["age"] >= 50).mean()
    out["share_youth"] = (known_age["age"] < 40).mean()
    out["share_children"] = (known_age["age"] < 18).mean()
    out["age_unknown"] = g.height - known_age.height
    out["share_relatives"] = (g["relation"] == "relative").mean()
    known_ref = g.filter(pl.col("referral_source") != "unknown")
    out["share_referral_gp"] = (known_ref["referral_source"] == "gp").mean()
    out["share_referral_specialist_or_nurse"] = (
        known_ref["referral_source"] == "specialist_or_nurse"
    ).mean()
    vg = v.join(tables["guests"].select("guest_id", "gender"), on="guest_id")
    vk = vg.filter(pl.col("gender") != "unknown")
    out["share_visits_by_women"] = (vk["gender"] == "female").mean()

    s = tables["surveys"].filter(
        pl.col("answered_on").is_between(start, end) & pl.col("centre_id").is_in(ids)
    )
    ratings = s["rating"].drop_nulls()
    out["rating_mean"] = ratings.mean()
    out["rating_n"] = ratings.len()
    out["rating_8_plus"] = (ratings >= 8).mean()
    for q in ("quality_of_life_improved", "picked_up_life", "back_to_work"):
        answers = s[q].drop_nulls()
        out[q] = answers.mean()
        out[q + "_n"] = answers.len()

    # below the national level: every share from the rounded counts, in whole percents
    n_gender_unknown = g.height - known_gender.height
    n_ref_unknown = g.height - known_ref.height
    out["published"] = {
        "share_female": published_share(
            (known_gender["gender"] == "female").sum(), g.height, n_gender_unknown
        ),
        "share_male": published_share(
            (known_gender["gender"] == "male").sum(), g.height, n_gender_unknown
        ),
        "share_50_plus": published_share(
            (known_age["age"] >= 50).sum(), g.height, out["age_unknown"]
        ),
        "share_youth": published_share(
            [(known_age["age"] < 18).sum(), known_age["age"].is_between(18, 39).sum()],
            g.height,
            out["age_unknown"],
        ),
        "share_children": published_share(
            (known_age["age"] < 18).sum(), g.height, out["age_unknown"]
        ),
        "share_relatives": published_share((g["relation"] == "relative").sum(), g.height),
        "share_referral_gp": published_share(
            (known_ref["referral_source"] == "gp").sum(), g.height, n_ref_unknown
        ),
        "share_referral_specialist_or_nurse": published_share(
            (known_ref["referral_source"] == "specialist_or_nurse").sum(), g.height, n_ref_unknown
        ),
        "share_visits_by_women": published_share(
            (vk["gender"] == "female").sum(), v.height, v.height - vk.height
        ),
        "rating_mean": (
            min(10.0, max(1.0, round5(ratings.sum()) / round5(ratings.len())))
            if round5(ratings.len()) > 0
            else None
        ),
        "rating_8_plus": published_share((ratings >= 8).sum(), ratings.len()),
        **{
            q: published_share(s[q].drop_nulls().sum(), s[q].drop_nulls().len())
            for q in ("quality_of_life_improved", "picked_up_life", "back_to_work")
        },
    }

    open_c = place.filter(pl.col("opened_on") <= end)
    out["centres"] = open_c.height
    out["paid_coordinators"] = open_c.filter(pl.col("coordinator_start") <= end).height
    st = (
        tables["staffing"]
        .filter(pl.col("centre_id").is_in(open_c["centre_id"].to_list()))
        .filter(pl.col("year") <= end.year)
        .sort("year")
        .group_by("centre_id")
        .last()
    )
    out["volunteers"] = int(st["volunteers"].sum())

    funding = 0.0
    national_view = province is None and centre is None
    for grant in tables["grants"].iter_rows(named=True):
        if grant["centre_id"] is None and not national_view:
            continue
        if grant["centre_id"] is not None and grant["centre_id"] not in ids:
            continue
        days = (grant["end_on"] - grant["start_on"]).days + 1
        per_day = float(grant["amount_eur"]) / days
        d = max(grant["start_on"], start)
        last = min(grant["end_on"], end)
        if d <= last:
            funding += per_day * ((last - d).days + 1)
    out["funding_eur"] = funding
    return out


def published_share(part, total: int, unknown: int = 0) -> float | None:
    """A share as published below the national level: rounded part(s) over the rounded total
    minus the rounded unknowns, in whole percents."""
    parts = part if isinstance(part, list) else [part]
    whole = round5(total) - round5(unknown)
    if whole <= 0:
        return None
    share = min(1.0, max(0.0, sum(round5(p) for p in parts) / whole))
    return math.floor(share * 100 + 0.5) / 100


def round5(value: float) -> int:
    """The rounding below the national level (nearest multiple of 5, halves up)."""
    return int((value / 5 + 0.5) // 1 * 5)
