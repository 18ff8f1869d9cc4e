"""Where the money lands: funding per centre and per province from the funding rows of a
period (pure polars). National grants stay apart and are never spread over centres."""

from __future__ import annotations

import polars as pl

FUNDERS = ("all", "kwf", "roparun", "postcode_loterij", "municipality", "other")
MEASURES = ("total", "per_inhabitant", "per_cancer_2022", "per_cancer_2030")


def select_funder(rows: pl.DataFrame, funder: str) -> pl.DataFrame:
    return rows if funder == "all" else rows.filter(pl.col("funder") == funder)


def per_centre(rows: pl.DataFrame) -> pl.DataFrame:
    """Funding per centre (centre rows only) with its split by funder and by purpose."""
    centres = rows.filter(pl.col("centre_id").is_not_null())
    total = centres.group_by("centre_id").agg(pl.col("funding_eur").sum())
    by_funder = centres.group_by("centre_id", "funder").agg(pl.col("funding_eur").sum())
    by_purpose = centres.group_by("centre_id", "purpose").agg(pl.col("funding_eur").sum())
    return total.join(
        by_funder.pivot(on="funder", index="centre_id", values="funding_eur").rename(
            lambda c: c if c == "centre_id" else f"funder_{c}"
        ),
        on="centre_id",
        how="left",
    ).join(
        by_purpose.pivot(on="purpose", index="centre_id", values="funding_eur").rename(
            lambda c: c if c == "centre_id" else f"purpose_{c}"
        ),
        on="centre_id",
        how="left",
    )


def national_share(rows: pl.DataFrame) -> float:
    return float(rows.filter(pl.col("centre_id").is_null())["funding_eur"].sum())


def per_province(
    rows: pl.DataFrame, places: pl.DataFrame, prevalence: dict[str, float]
) -> pl.DataFrame:
    """Funding per province (centres' grants only): in total, per inhabitant, and per estimated
    person living with or after cancer (the national number spread by population)."""
    national_pop = places["population"].sum()
    pop = places.group_by("province").agg(pl.col("population").sum())
    money = (
        rows.filter(pl.col("centre_id").is_not_null())
        .group_by("province")
        .agg(pl.col("funding_eur").sum())
    )
    frame = pop.join(money, on="province", how="left").with_columns(
        pl.col("funding_eur").fill_null(0.0)
    )
    exprs = [(pl.col("funding_eur") / pl.col("population")).alias("per_inhabitant")]
    for label, people in prevalence.items():
        cancer = pl.col("population") / national_pop * people
        exprs += [
            cancer.alias(f"people_cancer_{label}"),
            (pl.col("funding_eur") / cancer).alias(f"per_cancer_{label}"),
        ]
    return frame.with_columns(exprs).rename({"funding_eur": "total"}).sort("province")
