"""Who may see what. Three roles:

- national (IPSO directors, KWF): everything, every centre named;
- grant_manager (KWF): everything, every centre named, plus each centre's grant details;
- coordinator of one centre: the national figures and their own centre by name; other centres
  only as stable anonymous labels ("Peer 07"), without name, city, province or location.

Roles come from a TOML file outside the repository (path in $IPSO_ROLES_FILE or in
`.streamlit/secrets.toml` as `[roles] file = "..."`), mapping a signed-in e-mail address to a role
and, for a coordinator, a centre:

    [users."directeur@ipso.nl"]
    role = "national"
    [users."coordinator@pisa.nl"]
    role = "coordinator"
    centre = "C002"

Pure functions here; the Streamlit sign-in flow is in dashboard/ui/signin.py.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

ROLES = ("national", "grant_manager", "coordinator")
# The key of the anonymous labels in demo mode (synthetic data only). A real deployment sets its
# own in secrets ([peers] secret = "...") or $IPSO_PEER_SECRET; without one it serves nobody.
DEMO_PEER_SECRET = "demo-only-not-a-secret"


class RolesFileError(Exception):
    """The roles file is missing or malformed."""


@dataclass(frozen=True)
class Viewer:
    role: str
    centre: str | None = None  # a coordinator's own centre
    email: str | None = None
    demo: bool = False

    @property
    def names_centres(self) -> bool:
        return self.role in ("national", "grant_manager")

    @property
    def sees_grant_details(self) -> bool:
        return self.role == "grant_manager"

    @property
    def sees_data_quality(self) -> bool:
        return self.role in ("national", "grant_manager")


def roles_file(secrets: dict | None = None) -> Path | None:
    path = os.environ.get("IPSO_ROLES_FILE")
    if not path and secrets:
        path = (secrets.get("roles") or {}).get("file")
    return Path(path) if path else None


def _looks_like_email(text: str) -> bool:
    local, at, domain = text.partition("@")
    return bool(at and local and "." in domain and not any(c.isspace() for c in text))


def load_roles(path: Path, known_centres: set[str]) -> dict[str, Viewer]:
    """E-mail (lower case) -> Viewer, validated as a whole: UTF-8, valid TOML, only a [users]
    table of tables with a known `role` (and, for a coordinator only, a known `centre`), no
    other keys, and no address twice, however written (case and surrounding spaces do not make
    two people). Any problem makes the whole file invalid: RolesFileError lists every problem,
    for the administrator (the log), never for users."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RolesFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RolesFileError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RolesFileError(f"{path}: not valid TOML ({exc})") from exc
    problems: list[str] = []
    extra = sorted(set(data) - {"users"})
    if extra:
        problems.append(f'unknown top-level keys {extra} (only [users."e-mail"] tables)')
    users_table = data.get("users", {})
    if not isinstance(users_table, dict):
        raise RolesFileError(f"{path}: 'users' must be a table of [users.\"e-mail\"] tables")
    users: dict[str, Viewer] = {}
    written: dict[str, str] = {}
    for key, entry in users_table.items():
        email = key.strip().lower()
        where = f"users.{key!r}"
        if not _looks_like_email(email):
            problems.append(f"{where}: not an e-mail address")
        if email in written:
            problems.append(f"{where}: the same address as users.{written[email]!r}")
            continue
        written[email] = key
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table with role (and centre)")
            continue
        unknown_keys = sorted(set(entry) - {"role", "centre"})
        if unknown_keys:
            problems.append(f"{where}: unknown keys {unknown_keys}")
        role, centre = entry.get("role"), entry.get("centre")
        if not isinstance(role, str) or role not in ROLES:
            problems.append(f"{where}: role must be one of {list(ROLES)}, not {role!r}")
            continue
        if role == "coordinator":
            if not isinstance(centre, str) or centre not in known_centres:
                problems.append(f"{where}: coordinator of unknown centre {centre!r}")
                continue
        elif centre is not None:
            problems.append(f"{where}: only a coordinator has a centre")
            continue
        users[email] = Viewer(role, centre if role == "coordinator" else None, email)
    if problems:
        raise RolesFileError(f"{path}: " + "; ".join(problems))
    return users


def viewer_for(email: str | None, users: dict[str, Viewer]) -> Viewer | None:
    if not email or not isinstance(email, str):
        return None
    return users.get(email.strip().lower())


def peer_labels(centre_ids: list[str], secret: str) -> dict[str, str]:
    """Anonymous labels over every centre of the warehouse: numbered in the order of a keyed
    hash (HMAC-SHA256) of the id under a secret set at deployment. Without the secret the order
    cannot be recomputed from the ids; with the full list of ids (not one period's) a centre
    keeps its label in every period and view."""
    key = secret.encode("utf-8")
    ids = sorted(set(centre_ids))
    ordered = sorted(ids, key=lambda c: hmac.new(key, c.encode("utf-8"), hashlib.sha256).digest())
    width = max(2, len(str(len(ordered))))
    return {c: f"Peer {k + 1:0{width}d}" for k, c in enumerate(ordered)}


# Per-centre columns that tie a peer to its place: never shown for a peer to a coordinator.
PLACE_COLUMNS = (
    "city",
    "latitude",
    "longitude",
    "opened_on",
    "coordinator_start",
    "population",
    "urbanisation",
    "size_band",
)
# Funding too: a peer's funding per month shows its KWF grant starting, which dates its
# coordinator's start to about a day (a fingerprint found by an independent attack).
PLACE_KPIS = (  # and their __n, __suppressed, ... columns
    "visits_per_1000_inhabitants",
    "funding_per_visit_eur",
    "funding_eur",
    "funding_kwf_eur",
)


def place_blanked(frame: pl.DataFrame, viewer: Viewer) -> list[pl.Expr]:
    """For a coordinator's view of a centre table: the columns that tie a centre to its place
    (PLACE_COLUMNS, PLACE_KPIS and their __ columns) blanked for every centre but their own."""
    own = pl.col("centre_id") == viewer.centre
    return [
        pl.when(own).then(pl.col(c)).otherwise(None).alias(c)
        for c in frame.columns
        if c in PLACE_COLUMNS or c.split("__")[0] in PLACE_KPIS
    ]


def anonymise(
    frame: pl.DataFrame,
    viewer: Viewer,
    all_ids: list[str],
    secret: str,
    shown_provinces: set[str] = frozenset(),
) -> pl.DataFrame:
    """For a coordinator: every centre but their own loses what ties it to its place (name,
    city, location, dates, population, urbanisation and size class, per-inhabitant rates,
    funding); its
    id and name become its anonymous label (from `all_ids`, every centre, so labels are stable
    across periods). Its province is kept only when it is the coordinator's own and in
    `shown_provinces` (provinces with enough centres). Others see the frame unchanged."""
    if viewer.names_centres or "centre_id" not in frame.columns:
        return frame
    labels = peer_labels(all_ids, secret)
    own = pl.col("centre_id") == viewer.centre
    label = pl.col("centre_id").replace_strict(labels, default="Peer")
    exprs = [pl.when(own).then(pl.col("centre_id")).otherwise(label).alias("centre_id")]
    if "name" in frame.columns:
        exprs.append(pl.when(own).then(pl.col("name")).otherwise(label).alias("name"))
    if "province" in frame.columns:
        mine = frame.filter(own)["province"]
        own_province = mine[0] if mine.len() else None
        keep = own_province if own_province in shown_provinces else None
        exprs.append(
            pl.when(own)
            .then(pl.col("province"))
            .when(pl.col("province") == keep if keep is not None else pl.lit(False))
            .then(pl.col("province"))
            .otherwise(pl.lit(""))
            .alias("province")
        )
    exprs += place_blanked(frame, viewer)
    # row order by label, not by the real names the frame came sorted by
    return frame.with_columns(exprs).sort(pl.col("centre_id") != viewer.centre, "centre_id")
