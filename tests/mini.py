"""A hand-made extract of a few guests, for tests that need exact, known cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from dashboard import contract

SCHEMAS = {t.name: t.polars_schema for t in contract.TABLES}


def write(path: Path, tables: dict[str, list[dict]]) -> Path:
    for name, schema in SCHEMAS.items():
        (path / name).mkdir(parents=True, exist_ok=True)
        rows = tables.get(name, [])
        full = [{c: r.get(c) for c in schema} for r in rows]
        pl.DataFrame(full, schema=schema).write_parquet(path / name / f"{name}.parquet")
    (path / "_synthetic.json").write_text('{"synthetic": true}')  # hand-made, not real
    return path


def centre(cid: str, province: str, opened=date(2010, 1, 1), coordinator=None) -> dict:
    return {
        "centre_id": cid,
        "name": f"Centre {cid}",
        "city": "Utrecht",
        "province": province,
        "latitude": 52.0,
        "longitude": 5.1,
        "opened_on": opened,
        "coordinator_start": coordinator,
    }


def guest(
    gid: str,
    cid: str,
    birth_year,
    first: date,
    gender="female",
    relation="patient",
    referral="self",
) -> dict:
    return {
        "guest_id": gid,
        "centre_id": cid,
        "gender": gender,
        "birth_year": birth_year,
        "relation": relation,
        "referral_source": referral,
        "first_visit_on": first,
    }


def visit(vid: str, gid: str, cid: str, day: date, activity="walk_in") -> dict:
    return {
        "visit_id": vid,
        "guest_id": gid,
        "centre_id": cid,
        "visit_date": day,
        "activity": activity,
        "duration_min": 60,
    }


def survey(rid: str, cid: str, day: date, rating=9, qol=True) -> dict:
    return {
        "response_id": rid,
        "centre_id": cid,
        "answered_on": day,
        "rating": rating,
        "quality_of_life_improved": qol,
    }
