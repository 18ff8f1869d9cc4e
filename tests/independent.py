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
    # below the national total survey answers count only in the whole calendar quarters of the
    # period, each quarter's count rounded on its own, then added up
    q_start, q_end = whole_quarters(start, end_month)
    sq = (
        tables["surveys"]
        .filter(
            pl.col("answered_on").is_between(q_start, month_end(q_end))
            & pl.col("centre_id").is_in(ids)
        )
        .with_columns(quarter=pl.col("answered_on").dt.truncate("1q"))
    )
    ratings = s["rating"].drop_nulls()
    out["rating_mean"] = ratings.mean()
    out["rating_n"] = ratings.len()
    out["rating_8_plus"] = (ratings >= 8).mean()
    for q in ("quality_of_life_improved", "picked_up_life", "back_to_work"):
        answers = s[q].drop_nulls()
        out[q] = answers.mean()
        out[q + "_n"] = answers.len()

    # below the national level: visits as the sum of the place's rounded monthly counts
    monthly = v.with_columns(month=pl.col("visit_date").dt.truncate("1mo"))
    by_month = monthly.group_by("month").agg(
        pl.len().alias("all"),
        (pl.col("guest_id").is_in(female_ids(tables)).sum()).alias("female"),
        (pl.col("guest_id").is_in(unknown_gender_ids(tables)).sum()).alias("unknown"),
    )
    visits_pub = sum(round5(x) for x in by_month["all"])
    female_pub = sum(round5(x) for x in by_month["female"])
    unknown_pub = sum(round5(x) for x in by_month["unknown"])
    out["visits_published"] = visits_pub

    def quarters(expr: pl.Expr) -> int:  # the sum of a survey count's rounded quarter cells
        cells = sq.group_by("quarter").agg(expr.alias("x"))["x"]
        return sum(round5(x) for x in cells)

    def survey_share(q: str) -> float | None:
        return published_counts_share(
            quarters(pl.col(q).drop_nulls().sum()), quarters(pl.col(q).drop_nulls().len())
        )

    rating_n = quarters(pl.col("rating").drop_nulls().len())
    rating_sum = quarters(pl.col("rating").drop_nulls().sum())
    out["rating_n_published"] = rating_n
    out["quality_of_life_improved_n_published"] = quarters(
        pl.col("quality_of_life_improved").drop_nulls().len()
    )
    exact_q = sq.filter(pl.col("quality_of_life_improved").is_not_null()).height
    out["quality_of_life_improved_n_exact"] = exact_q
    out["rating_n_exact"] = sq.filter(pl.col("rating").is_not_null()).height

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
        "share_visits_by_women": published_counts_share(female_pub, visits_pub - unknown_pub),
        "rating_mean": (
            min(10.0, max(1.0, rating_sum / rating_n))
            if out["rating_n_exact"] >= 10 and rating_n > 0
            else None
        ),
        "rating_8_plus": published_counts_share(
            quarters((pl.col("rating").drop_nulls() >= 8).sum()), rating_n
        )
        if out["rating_n_exact"] >= 10
        else None,
        **{
            q: survey_share(q) if sq.filter(pl.col(q).is_not_null()).height >= 10 else None
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


def published_counts_share(part: int, whole: int) -> float | None:
    """A share of counts already published (rounded), in whole percents."""
    if whole <= 0:
        return None
    share = min(1.0, max(0.0, part / whole))
    return math.floor(share * 100 + 0.5) / 100


def whole_quarters(start: date, end_month: date) -> tuple[date, date]:
    """First and last month of the whole calendar quarters in [start, end_month]."""
    first = date(start.year + (start.month > 10), (((start.month + 1) // 3 * 3) % 12) + 1, 1)
    if (start.month - 1) % 3 == 0:
        first = start
    last_q_month = end_month.month - end_month.month % 3
    last = (
        end_month
        if end_month.month % 3 == 0
        else (
            date(end_month.year, last_q_month, 1)
            if last_q_month
            else date(end_month.year - 1, 12, 1)
        )
    )
    return first, last


def female_ids(tables) -> pl.Series:
    return tables["guests"].filter(pl.col("gender") == "female")["guest_id"]


def unknown_gender_ids(tables) -> pl.Series:
    return tables["guests"].filter(pl.col("gender") == "unknown")["guest_id"]


def round5(value: float) -> int:
    """The rounding below the national level (nearest multiple of 5, halves up)."""
    return int((value / 5 + 0.5) // 1 * 5)
