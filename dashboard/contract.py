"""The data contract (v1) as code: tables, columns, types and row rules of an IPSO extract.

The ingest validates against these definitions and the demo-data generator writes to them, so the
contract lives in one place. Each column names its DuckDB type, whether it may be null, and an
optional rule (a range, an enumeration, or a reference) checked row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

PROVINCES = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
GENDERS = ("female", "male", "other", "unknown")
RELATIONS = ("patient", "relative", "bereaved")
DIAGNOSIS_GROUPS = (
    "breast",
    "colorectal",
    "lung",
    "prostate",
    "haematological",
    "skin",
    "gynaecological",
    "head_neck",
    "other",
    "unknown",
)
TREATMENT_PHASES = ("diagnosis", "treatment", "after_treatment", "palliative", "unknown")
REFERRAL_SOURCES = (
    "self",
    "relative_or_friend",
    "gp",
    "specialist_or_nurse",
    "other_care",
    "media",
    "unknown",
)
ACTIVITIES = (
    "walk_in",
    "conversation",
    "peer_group",
    "creative",
    "movement",
    "information",
    "youth_programme",
    "other",
)
FUNDERS = ("kwf", "roparun", "postcode_loterij", "municipality", "other")
PURPOSES = (
    "paid_coordinator",
    "awareness",
    "activities",
    "training",
    "branch_organisation",
    "other",
)

# "this year" in a rule means the year of the ingest's as-of date.
THIS_YEAR = "this_year"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type
    required: bool = True  # not null
    low: float | str | None = None  # inclusive lower bound
    high: float | str | None = None  # inclusive upper bound (THIS_YEAR allowed)
    exclusive_low: bool = False  # "greater than" instead of "at least"
    allowed: tuple[str, ...] | None = None
    not_future: bool = False


@dataclass(frozen=True)
class Compare:
    """A rule between two values of a row: `column op other` breaks it. `other` is a column of the
    same table, or `reference_column.column` of the row the reference points to."""

    column: str
    op: str  # one of <, <=, >, >=
    other: str
    message: str


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: str | None = None  # unique id column
    # column -> referenced table (its key); checked after the referenced table is loaded
    references: dict[str, str] = field(default_factory=dict)
    unique: tuple[str, ...] = ()  # a composite unique key where there is no id column
    compares: tuple[Compare, ...] = ()  # rows that break one are quarantined

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def key_columns(self) -> list[str]:
        """The columns that identify a row (loading an extract twice changes nothing)."""
        return [self.key] if self.key else list(self.unique)

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        return {c.name: POLARS_TYPES[c.type] for c in self.columns}


# How each contract type is written by polars (the generator and the tests' tiny extracts).
POLARS_TYPES: dict[str, pl.DataType] = {
    "VARCHAR": pl.String(),
    "INTEGER": pl.Int32(),
    "DOUBLE": pl.Float64(),
    "DATE": pl.Date(),
    "BOOLEAN": pl.Boolean(),
    "DECIMAL(14,2)": pl.Decimal(14, 2),
}


TABLES: tuple[Table, ...] = (
    Table(
        "centres",
        (
            Column("centre_id", "VARCHAR"),
            Column("name", "VARCHAR"),
            Column("city", "VARCHAR"),
            Column("province", "VARCHAR", allowed=PROVINCES),
            Column("latitude", "DOUBLE", low=50.7, high=53.7),
            Column("longitude", "DOUBLE", low=3.2, high=7.3),
            Column("opened_on", "DATE", not_future=True),
            Column("coordinator_start", "DATE", required=False),
        ),
        key="centre_id",
    ),
    Table(
        "staffing",
        (
            Column("centre_id", "VARCHAR"),
            Column("year", "INTEGER", low=2000, high=THIS_YEAR),
            Column("volunteers", "INTEGER", low=0, high=1000),
            Column("paid_fte", "DOUBLE", low=0, high=50),
        ),
        references={"centre_id": "centres"},
        unique=("centre_id", "year"),  # one row per centre per year
    ),
    Table(
        "guests",
        (
            Column("guest_id", "VARCHAR"),
            Column("centre_id", "VARCHAR"),
            Column("gender", "VARCHAR", allowed=GENDERS),
            Column("birth_year", "INTEGER", required=False, low=1900, high=THIS_YEAR),
            Column("relation", "VARCHAR", allowed=RELATIONS),
            Column("diagnosis_group", "VARCHAR", required=False, allowed=DIAGNOSIS_GROUPS),
            Column("treatment_phase", "VARCHAR", required=False, allowed=TREATMENT_PHASES),
            Column("referral_source", "VARCHAR", allowed=REFERRAL_SOURCES),
            Column("first_visit_on", "DATE", not_future=True),
        ),
        key="guest_id",
        references={"centre_id": "centres"},
    ),
    Table(
        "visits",
        (
            Column("visit_id", "VARCHAR"),
            Column("guest_id", "VARCHAR"),
            Column("centre_id", "VARCHAR"),
            Column("visit_date", "DATE", not_future=True),
            Column("activity", "VARCHAR", allowed=ACTIVITIES),
            Column("duration_min", "INTEGER", required=False, low=1, high=600),
        ),
        key="visit_id",
        references={"guest_id": "guests", "centre_id": "centres"},
        compares=(
            Compare(
                "visit_date", "<", "centre_id.opened_on", "visit_date: before the centre opened"
            ),
        ),
    ),
    Table(
        "surveys",
        (
            Column("response_id", "VARCHAR"),
            Column("guest_id", "VARCHAR", required=False),
            Column("centre_id", "VARCHAR"),
            Column("answered_on", "DATE", not_future=True),
            Column("rating", "INTEGER", required=False, low=1, high=10),
            Column("quality_of_life_improved", "BOOLEAN", required=False),
            Column("daily_functioning_improved", "BOOLEAN", required=False),
            Column("picked_up_life", "BOOLEAN", required=False),
            Column("more_energetic", "BOOLEAN", required=False),
            Column("less_alone", "BOOLEAN", required=False),
            Column("avoided_care_visit", "BOOLEAN", required=False),
            Column("back_to_work", "BOOLEAN", required=False),
        ),
        key="response_id",
        references={"guest_id": "guests", "centre_id": "centres"},
    ),
    Table(
        "grants",
        (
            Column("grant_id", "VARCHAR"),
            Column("funder", "VARCHAR", allowed=FUNDERS),
            Column("programme", "VARCHAR"),
            Column("centre_id", "VARCHAR", required=False),
            Column("purpose", "VARCHAR", allowed=PURPOSES),
            Column("amount_eur", "DECIMAL(14,2)", low=0, exclusive_low=True),
            Column("start_on", "DATE"),
            Column("end_on", "DATE"),
        ),
        key="grant_id",
        references={"centre_id": "centres"},
        compares=(Compare("end_on", "<", "start_on", "end_on: before start_on"),),
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}
