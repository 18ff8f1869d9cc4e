"""Every grant, searchable and filterable (in the spirit of 360Giving's GrantNav), and the KWF
programme's progress: pure functions over the grants and centres tables, no Streamlit.

- `filter_grants`: a literal, case-insensitive search over recipient, city, programme and the
  funder's and purpose's labels, plus exact filters; never a regular expression from the user.
- `grant_totals`: number of grants, amount and recipients of what is shown, and per funder.
- `kwf_progress`: per month, the centres with a KWF-funded coordinator in post against the
  coordinators planned (one KWF paid-coordinator grant each), and the KWF money committed
  (grants that have started, counted in full from their start month: the extract holds no
  award date) and spent (each grant spread evenly over its days, as everywhere else).
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from dashboard.metrics.filters import add_months

KWF = "kwf"
COORDINATOR_PURPOSE = "paid_coordinator"


def filter_grants(
    grants: pl.DataFrame,
    search: str = "",
    funders: list[str] | None = None,
    programmes: list[str] | None = None,
    purposes: list[str] | None = None,
    centre: str | None = None,
    province: str | None = None,
    active_from: date | None = None,
    active_to: date | None = None,
    labels: dict[str, str] | None = None,
) -> pl.DataFrame:
    """The grants that match every given filter. `labels` maps funder and purpose codes to
    the words on screen, so a search for "coördinator" finds the paid-coordinator grants.
    `active_from`/`active_to`: only grants that run on at least one day of that span."""
    out = grants
    if funders:
        out = out.filter(pl.col("funder").is_in(funders))
    if programmes:
        out = out.filter(pl.col("programme").is_in(programmes))
    if purposes:
        out = out.filter(pl.col("purpose").is_in(purposes))
    if centre:
        out = out.filter(pl.col("centre_id") == centre)
    elif province:
        out = out.filter(pl.col("province") == province)
    if active_from is not None and active_to is not None:
        out = out.filter((pl.col("start_on") <= active_to) & (pl.col("end_on") >= active_from))
    needle = search.strip().lower()
    if needle:
        labels = labels or {}
        text = pl.concat_str(
            [
                pl.col("recipient").fill_null(""),
                pl.col("city").fill_null(""),
                pl.col("programme"),
                pl.col("funder").replace_strict(labels, default=pl.col("funder")),
                pl.col("purpose").replace_strict(labels, default=pl.col("purpose")),
            ],
            separator=" ",
        ).str.to_lowercase()
        out = out.filter(text.str.contains(needle, literal=True))
    return out


def grant_totals(grants: pl.DataFrame) -> tuple[dict, pl.DataFrame]:
    """(grants, amount, centres funded, national grants) of the rows given, and the same per
    funder, largest amount first."""
    total = {
        "grants": grants.height,
        "amount_eur": float(grants["amount_eur"].sum()) if grants.height else 0.0,
        "centres": grants["centre_id"].drop_nulls().n_unique(),
        "national": grants.filter(pl.col("centre_id").is_null()).height,
    }
    per_funder = (
        grants.group_by("funder")
        .agg(
            pl.len().alias("grants"),
            pl.col("amount_eur").sum().alias("amount_eur"),
            pl.col("centre_id").drop_nulls().n_unique().alias("centres"),
        )
        .sort("amount_eur", "funder", descending=[True, False])
    )
    return total, per_funder


def _spent_until(amount: float, start: date, end: date, day: date) -> float:
    """The part of a grant spread evenly over its days that falls on or before `day`."""
    if day < start:
        return 0.0
    days = (end - start).days + 1
    return amount * min((day - start).days + 1, days) / days


def kwf_progress(grants: pl.DataFrame, centres: pl.DataFrame, last_month: date) -> pl.DataFrame:
    """Per month from the first KWF grant's start to `last_month`: month, coordinators_in_post
    (centres whose coordinator started on or before the month's last day), planned (the KWF
    paid-coordinator grants), committed_eur, spent_eur (both cumulative, KWF only)."""
    kwf = grants.filter(pl.col("funder") == KWF)
    schema = {
        "month": pl.Date,
        "coordinators_in_post": pl.Int64,
        "planned": pl.Int64,
        "committed_eur": pl.Float64,
        "spent_eur": pl.Float64,
    }
    if kwf.height == 0:
        return pl.DataFrame(schema=schema)
    planned = kwf.filter(
        (pl.col("purpose") == COORDINATOR_PURPOSE) & pl.col("centre_id").is_not_null()
    )["centre_id"].n_unique()
    starts = [d for d in centres["coordinator_start"].to_list() if d is not None]
    rows = kwf.select("amount_eur", "start_on", "end_on").rows()
    month = kwf["start_on"].min().replace(day=1)
    out = []
    while month <= last_month:
        month_end = add_months(month, 1) - timedelta(days=1)
        out.append(
            {
                "month": month,
                "coordinators_in_post": sum(1 for d in starts if d <= month_end),
                "planned": planned,
                "committed_eur": sum(a for a, s, _ in rows if s <= month_end),
                "spent_eur": sum(_spent_until(a, s, e, month_end) for a, s, e in rows),
            }
        )
        month = add_months(month, 1)
    return pl.DataFrame(out, schema=schema)
