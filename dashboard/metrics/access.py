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

Pure functions here; the Streamlit sign-in flow is in dashboard/app.py.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

ROLES = ("national", "grant_manager", "coordinator")
PEER_SALT = "ipso-peers-v1"


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


def load_roles(path: Path, known_centres: set[str]) -> dict[str, Viewer]:
    """E-mail (lower case) -> Viewer. Unknown roles or centres make the file invalid."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RolesFileError(f"{path}: {exc}") from exc
    users = {}
    for email, entry in (data.get("users") or {}).items():
        role, centre = entry.get("role"), entry.get("centre")
        if role not in ROLES:
            raise RolesFileError(f"{path}: {email}: unknown role {role!r}")
        if role == "coordinator" and centre not in known_centres:
            raise RolesFileError(f"{path}: {email}: coordinator of unknown centre {centre!r}")
        users[email.strip().lower()] = Viewer(
            role, centre if role == "coordinator" else None, email.strip().lower()
        )
    return users


def viewer_for(email: str | None, users: dict[str, Viewer]) -> Viewer | None:
    if not email:
        return None
    return users.get(email.strip().lower())


def peer_labels(centre_ids: list[str]) -> dict[str, str]:
    """Stable anonymous labels: the order comes from a salted hash, not from the ids, so a
    label says nothing about which centre it is."""
    ordered = sorted(centre_ids, key=lambda c: hashlib.sha256((PEER_SALT + c).encode()).digest())
    width = max(2, len(str(len(ordered))))
    return {c: f"Peer {k + 1:0{width}d}" for k, c in enumerate(ordered)}


def anonymise(frame: pl.DataFrame, viewer: Viewer, all_ids: list[str]) -> pl.DataFrame:
    """For a coordinator: every centre but their own loses its name, city and location; its id
    and name become its anonymous label; its province is kept only when it is the
    coordinator's own (so "same province" peers still work) and blanked otherwise. Coarse peer
    attributes (size band, urbanisation) stay. Others see the frame unchanged."""
    if viewer.names_centres or "centre_id" not in frame.columns:
        return frame
    labels = peer_labels(all_ids)
    own = pl.col("centre_id") == viewer.centre
    label = pl.col("centre_id").replace_strict(labels, default="Peer")
    exprs = [pl.when(own).then(pl.col("centre_id")).otherwise(label).alias("centre_id")]
    if "name" in frame.columns:
        exprs.append(pl.when(own).then(pl.col("name")).otherwise(label).alias("name"))
    if "province" in frame.columns:
        mine = frame.filter(own)["province"]
        own_province = mine[0] if mine.len() else None
        exprs.append(
            pl.when(own | (pl.col("province") == own_province))
            .then(pl.col("province"))
            .otherwise(pl.lit(""))
            .alias("province")
        )
    for column in ("city", "latitude", "longitude", "opened_on", "coordinator_start", "population"):
        if column in frame.columns:
            exprs.append(pl.when(own).then(pl.col(column)).otherwise(None).alias(column))
    # row order by label, not by the real names the frame came sorted by
    return frame.with_columns(exprs).sort(pl.col("centre_id") != viewer.centre, "centre_id")
