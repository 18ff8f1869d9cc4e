"""The committed reference tables: Dutch places (GeoNames) and the published assumptions.

Published figures are read from data/reference/assumptions.csv, never typed into code, so the
methodology text, the calibration and the estimates quote one source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import polars as pl

from dashboard import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"


@dataclass(frozen=True)
class Assumption:
    key: str
    value: float
    unit: str
    label_nl: str
    label_en: str
    source: str
    year: int


@cache
def load_places() -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / "places_nl.csv")


@cache
def load_assumptions() -> dict[str, Assumption]:
    frame = pl.read_csv(REFERENCE_DIR / "assumptions.csv", schema_overrides={"value": pl.Float64})
    return {row["key"]: Assumption(**row) for row in frame.iter_rows(named=True)}


def assumption(key: str) -> float:
    return load_assumptions()[key].value
