"""Who may see what: roles from a file, anonymous peers for coordinators on every page, caches
keyed by viewer, hostile links, and no real extract without sign-in."""

from __future__ import annotations

import re
import shutil
from datetime import date

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.build.ingest import ingest
from dashboard.metrics.access import (
    DEMO_PEER_SECRET,
    RolesFileError,
    Viewer,
    anonymise,
    load_roles,
    peer_labels,
    viewer_for,
)
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Filters
from dashboard.metrics.queries import centre_table, load_catalog
from dashboard.ui import cache
from tests.conftest import APP, AUTH_SECRETS, PAGE_FILES, TODAY, frame_ran
from tests.pagetext import page_text

# every page a coordinator may open (data quality is not one of them)
PAGES = tuple(p for p in PAGE_FILES if not p.endswith("quality.py"))
OWN = "C004"  # Toon Hermans Huis Roermond


def test_roles_file(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(
        '[users."Directeur@IPSO.nl"]\nrole = "national"\n'
        '[users."co@pisa.nl"]\nrole = "coordinator"\ncentre = "C002"\n'
    )
    users = load_roles(path, {"C002"})
    assert viewer_for("directeur@ipso.nl", users) == Viewer("national", None, "directeur@ipso.nl")
    assert viewer_for("co@pisa.nl", users).centre == "C002"
    assert viewer_for("stranger@example.org", users) is None
    assert viewer_for(None, users) is None
    path.write_text('[users."x@y.nl"]\nrole = "admin"\n')
    with pytest.raises(RolesFileError):
        load_roles(path, {"C002"})
    path.write_text('[users."x@y.nl"]\nrole = "coordinator"\ncentre = "C999"\n')
    with pytest.raises(RolesFileError):
        load_roles(path, {"C002"})


def test_peer_labels_are_stable_and_say_nothing():
    ids = [f"C{i:03d}" for i in range(1, 91)]
    labels = peer_labels(ids, DEMO_PEER_SECRET)
    assert labels == peer_labels(list(reversed(ids)), DEMO_PEER_SECRET)
    assert labels != peer_labels(ids, "another deployment's secret")
    assert len(set(labels.values())) == 90
    assert [labels[c] for c in ids[:5]] != ["Peer 01", "Peer 02", "Peer 03", "Peer 04", "Peer 05"]


def test_anonymised_table_keeps_only_the_own_centre(wh):
    table = centre_table(wh, Filters(date(2025, 1, 1), date(2025, 12, 1)))
    anon = anonymise(
        table, Viewer("coordinator", OWN), table["centre_id"].to_list(), "s" * 16, {"Limburg"}
    )
    others = anon.filter(pl.col("centre_id") != OWN)
    names = set(table.filter(pl.col("centre_id") != OWN)["name"])
    assert not names & set(others["name"]) and not names & set(others["centre_id"])
    assert others["latitude"].null_count() == others.height
    assert others["city"].null_count() == others.height
    assert set(others["province"]) <= {"", "Limburg"}
    assert anon.filter(pl.col("centre_id") == OWN)["name"][0] == "Toon Hermans Huis Roermond"
    assert anon["visits"].sum() == table["visits"].sum()  # the figures stay


def test_caches_never_cross_viewers(wh):
    f = Filters(date(2025, 1, 1), date(2025, 12, 1))
    national = cache.centre_table(wh, wh.version, Viewer("national"), f)
    coordinator = cache.centre_table(wh, wh.version, Viewer("coordinator", OWN), f)
    assert "PISA" in national["name"].to_list()
    assert "PISA" not in coordinator["name"].to_list()
    again = cache.centre_table(wh, wh.version, Viewer("national"), f)
    assert again.equals(national)
    with pytest.raises(PermissionError):
        cache.data_quality(wh, wh.version, Viewer("coordinator", OWN))
    with pytest.raises(PermissionError):
        cache.centre_profile(wh, wh.version, Viewer("coordinator", OWN), "C002")


def _everything(at: AppTest) -> str:
    # the demo-mode role switcher lists every demo centre by design
    return page_text(at, skip_keys=("u_as_centre",))


def _as(role: str, page: str, wh_path, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("IPSO_WAREHOUSE", str(wh_path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["role"] = role
    if role == "coordinator":
        at.query_params["as_centre"] = OWN
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert frame_ran(at)
    return at


@pytest.mark.parametrize("page", PAGES)
def test_a_coordinator_sees_no_other_centre(demo_warehouse, monkeypatch, page):
    catalog = load_catalog(Warehouse(demo_warehouse))
    foreign = {c.name for c in catalog.centres.values() if c.centre_id != OWN}
    foreign |= {c.city for c in catalog.centres.values() if c.city != "Roermond"}
    foreign -= set(catalog.provinces)  # Groningen and Utrecht are provinces too
    for params in ({}, {"centre": OWN}):
        text = _everything(_as("coordinator", page, demo_warehouse, monkeypatch, **params))
        seen = {n for n in foreign if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)}
        assert not seen, (page, params, sorted(seen)[:5])


def test_national_and_grant_manager_see_named_centres(demo_warehouse, monkeypatch):
    text = _everything(_as("national", "dashboard/pages/centres.py", demo_warehouse, monkeypatch))
    assert "PISA" in text
    grants = _as(
        "grant_manager", "dashboard/pages/centres.py", demo_warehouse, monkeypatch, centre="C002"
    )
    assert any("KWF professionalisering" in d.value.to_csv() for d in grants.dataframe)
    national = _as(
        "national", "dashboard/pages/centres.py", demo_warehouse, monkeypatch, centre="C002"
    )
    assert any("Subsidiedetails" in i.value for i in national.info)


def test_a_coordinator_asking_for_another_centre_gets_a_message(demo_warehouse, monkeypatch):
    at = _as(
        "coordinator", "dashboard/pages/overview.py", demo_warehouse, monkeypatch, centre="C002"
    )
    assert any("centrum in de link is onbekend" in w.value for w in at.warning)
    assert "PISA" not in _everything(at)
    # the refused centre leaves the link; "all" says every centre explicitly (issue 16)
    assert str(at.query_params.get("centre", "")) in ("", "[]", "all")


def test_a_real_extract_is_never_served_without_sign_in(small_extract, tmp_path, monkeypatch):
    real = tmp_path / "extract"
    shutil.copytree(small_extract, real)
    (real / "_synthetic.json").unlink()  # what a real extract looks like
    ingest(real, tmp_path / "w.duckdb", as_of=TODAY)
    monkeypatch.setenv("IPSO_WAREHOUSE", str(tmp_path / "w.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("nooit zonder inloggen" in e.value for e in at.error)
    assert not at.metric and not at.get("plotly_chart")


def test_sign_in_page_and_no_access_page(demo_warehouse, monkeypatch, tmp_path):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    roles = tmp_path / "roles.toml"
    roles.write_text('[users."co@roermond.nl"]\nrole = "coordinator"\ncentre = "C004"\n')
    monkeypatch.setenv("IPSO_ROLES_FILE", str(roles))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH_SECRETS)
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Inloggen"] and not at.metric
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH_SECRETS)
    at.user = {"is_logged_in": True, "email": "stranger@example.org"}
    at.run()
    assert any("geen rol" in e.value for e in at.error) and not at.metric
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH_SECRETS)
    at.user = {"is_logged_in": True, "email": "co@roermond.nl"}
    at.run()
    assert not at.exception and at.metric
    assert any("co@roermond.nl" in c.value for c in at.caption)


def test_a_coordinator_sees_no_funding_figure_of_a_peer():
    """A peer's monthly funding dates its coordinator's start (the KWF grant is spread over its
    days from then): coordinators get none of a peer's funding figures; their own stay."""
    frame = pl.DataFrame(
        {
            "centre_id": ["C001", "C002", "C003"],
            "name": ["A", "B", "C"],
            "visits": [100, 200, 300],
            "funding_eur": [1000.0, 2000.0, 3000.0],
            "funding_kwf_eur": [500.0, 600.0, 700.0],
            "funding_per_visit_eur": [10.0, 10.0, 10.0],
            "funding_per_visit_eur__suppressed": [False, False, False],
        }
    )
    shown = anonymise(frame, Viewer("coordinator", "C002"), ["C001", "C002", "C003"], "s")
    own = shown.filter(pl.col("centre_id") == "C002")
    peers = shown.filter(pl.col("centre_id") != "C002")
    assert own["funding_eur"][0] == 2000.0 and own["funding_per_visit_eur"][0] == 10.0
    for column in ("funding_eur", "funding_kwf_eur", "funding_per_visit_eur"):
        assert peers[column].is_null().all(), column
    assert peers["visits"].to_list() != [None, None]  # published counts stay
    national = anonymise(frame, Viewer("national", None), ["C001", "C002", "C003"], "s")
    assert national["funding_eur"].to_list() == [1000.0, 2000.0, 3000.0]
