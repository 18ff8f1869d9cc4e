"""Fail closed, quietly (issue 13): no traceback for anyone. Every page and every page option
runs for every role in both languages without an exception and without the frame's error
message; a page that does fail shows a plain message and logs the traceback; the roles file is
validated as a whole; a wrong demo role gets the least privileged one; the shipped config shows
no error details and listens on loopback only."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import PROJECT_ROOT
from dashboard.metrics.access import RolesFileError, load_roles
from dashboard.metrics.db import Warehouse
from dashboard.metrics.funding import FUNDERS, MEASURES
from dashboard.metrics.impact import OUTCOMES
from dashboard.metrics.peers import PEER_GROUPS, RANK_KPIS
from dashboard.metrics.queries import load_catalog
from dashboard.metrics.topics import GRAINS, SINGLE_SHARES, SPLITS, TOPICS
from dashboard.present.i18n import t
from tests.conftest import APP, AUTH_SECRETS, PAGE, frame_ran, run_app

# page -> the steps of its own choices: (widget key, value), every value of every choice
STEPS: dict[str, list[tuple[str, str]]] = {
    "overview": [],
    "centres": [("u_peers", g) for g in PEER_GROUPS] + [("u_kpi", k) for k in RANK_KPIS],
    "funding": [("u_funder", x) for x in FUNDERS]
    + [("u_colour", x) for x in ("visits", "guests", "funding_per_visit_eur", "share_male")]
    + [("u_measure", x) for x in MEASURES]
    + [("u_layer", x) for x in ("none", "provinces", "blind_spots")],
    "demographics": [("u_grain", g) for g in GRAINS]
    + [("u_split", "national")]
    + [("u_topic", x) for x in TOPICS]
    + [
        step
        for split in SPLITS[1:]
        for step in [("u_split", split), *[("u_share", x) for x in SINGLE_SHARES]]
    ],
    "impact": [("u_outcome", o) for o in OUTCOMES],
    "quality": [],
    "methodology": [],
}
# choices a coordinator is not offered (the widget has no such option)
NOT_FOR_COORDINATORS = {
    *[("u_peers", g) for g in PEER_GROUPS if g != "all"],
    ("u_kpi", "visits_per_1000_inhabitants"),
    ("u_layer", "blind_spots"),
}
FAILED = {t("page_failed", "nl"), t("page_failed", "en")}


def _viewers(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(role, own centre, centre filter): a national user looking at the only centre of a
    province, a grant manager with no centre, and that centre's coordinator."""
    cat = load_catalog(Warehouse(path))
    counts: dict[str, list[str]] = {}
    for c in cat.centres.values():
        counts.setdefault(c.province, []).append(c.centre_id)
    lonely = sorted(ids[0] for ids in counts.values() if len(ids) == 1)[0]
    return [
        ("national", None, lonely),
        ("grant_manager", None, None),
        ("coordinator", lonely, lonely),
    ]


def _quiet(at: AppTest, what) -> None:
    assert not at.exception, (what, [e.value for e in at.exception][:1])
    assert not FAILED & {e.value for e in at.error}, what
    assert frame_ran(at), what


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("who", [0, 1, 2])
def test_every_page_and_option_runs_quietly(small_warehouse, monkeypatch, lang, who):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(small_warehouse))
    role, own, centre = _viewers(small_warehouse)[who]
    for page, steps in STEPS.items():
        if page == "quality" and role == "coordinator":
            continue
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params.update({"role": role, "lang": lang})
        if own:
            at.query_params["as_centre"] = own
        if centre:
            at.query_params["centre"] = centre
        at.run()
        at.switch_page(PAGE[page]).run()
        _quiet(at, (role, lang, page))
        for key, value in steps:
            if role == "coordinator" and (key, value) in NOT_FOR_COORDINATORS:
                continue
            at.session_state[key] = value
            at.run()
            _quiet(at, (role, lang, page, key, value))
        if role == "national" and lang == "nl" and page in ("overview", "demographics"):
            for province in load_catalog(Warehouse(small_warehouse)).provinces:
                at.session_state["f_province"] = province
                at.run()
                _quiet(at, (role, lang, page, province))


def test_a_failing_page_shows_a_plain_message_and_logs(small_warehouse, monkeypatch, caplog):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(small_warehouse))

    def broken(*args, **kwargs):
        raise ValueError("/srv/secret/path/in/a/traceback")

    monkeypatch.setattr("dashboard.ui.cache.overview_page", broken)  # what the Overview asks
    at = AppTest.from_file(APP, default_timeout=120)
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("page_failed", "nl")]
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.error, *at.caption])
    assert "/srv/secret" not in shown
    assert any("/srv/secret" in (r.exc_text or "") for r in caplog.records)


def test_an_invalid_demo_role_gets_the_least_privileged_one(small_warehouse, monkeypatch):
    at = run_app(small_warehouse, monkeypatch, role="root")
    assert not at.exception
    assert at.selectbox(key="u_role").value == "coordinator"
    at = run_app(small_warehouse, monkeypatch)  # no role at all: the demo default
    assert at.selectbox(key="u_role").value == "national"


def test_shipped_config_shows_no_error_details_and_listens_on_loopback():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["server"]["address"] == "127.0.0.1"
    # served processes neither watch the source files nor force a full garbage collection after
    # every run (together about a third of a busy server's CPU, README "Speed")
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["postScriptGC"] is False


ROLES_OK = '[users."Directeur@IPSO.nl"]\nrole = "national"\n'


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (ROLES_OK + '[users."directeur@ipso.nl "]\nrole = "coordinator"\ncentre = "C1"\n', "same"),
        ('[users."a@b.nl"]\nrole = 3\n', "role"),
        ('[users."a@b.nl"]\nrole = ["national"]\n', "role"),
        ('[users."a@b.nl"]\nrole = "coordinator"\ncentre = 7\n', "centre"),
        ('[users."a@b.nl"]\nrole = "national"\ncentre = "C1"\n', "only a coordinator"),
        ('[users."a@b.nl"]\nrole = "national"\nextra = 1\n', "unknown keys"),
        ('users = "everyone"\n', "table"),
        ('[users]\n"a@b.nl" = "national"\n', "table"),
        ('[users."a@b.nl".nested]\nrole = "national"\n', "role"),
        ('[users."not an address"]\nrole = "national"\n', "e-mail"),
        ('[admins."a@b.nl"]\nrole = "national"\n', "top-level"),
        ("[users\n", "TOML"),
    ],
)
def test_a_broken_roles_file_is_rejected_whole(tmp_path, content, problem):
    path = tmp_path / "roles.toml"
    path.write_text(ROLES_OK + content if problem == "top-level" else content, encoding="utf-8")
    with pytest.raises(RolesFileError, match=problem):
        load_roles(path, {"C1"})


def test_a_roles_file_in_another_encoding_is_rejected(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_bytes('[users."jozé@ipso.nl"]\nrole = "national"\n'.encode("latin-1"))
    with pytest.raises(RolesFileError, match="UTF-8"):
        load_roles(path, set())
    with pytest.raises(RolesFileError, match="cannot be read"):
        load_roles(tmp_path / "missing.toml", set())


def test_a_broken_roles_file_means_no_access_for_anyone(
    small_warehouse, monkeypatch, tmp_path, caplog
):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(small_warehouse))
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES_OK + '[users."directeur@ipso.nl"]\nrole = "coordinator"\n')
    monkeypatch.setenv("IPSO_ROLES_FILE", str(roles))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(AUTH_SECRETS)
    at.user = {"is_logged_in": True, "email": "directeur@ipso.nl"}
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at.run()
    assert not at.exception and not at.metric
    assert [e.value for e in at.error] == [t("roles_invalid", "nl")]
    assert any("roles file rejected" in r.getMessage() for r in caplog.records)


def test_province_small_multiples_draw_any_number_of_provinces():
    """The old crash: a coordinator whose province had fewer than 3 centres got no provinces
    and make_subplots(rows=0) raised."""
    from datetime import date

    import polars as pl

    from dashboard.present.charts import build_share_facets

    national = pl.DataFrame({"m_from": [date(2024, 1, 1)], "share_male": [0.3]})
    for keys in ([], ["Limburg"], ["Limburg", "Utrecht", "Zeeland", "Drenthe", "Gelderland"]):
        frame = pl.DataFrame(
            {
                "key": keys,
                "m_from": [date(2024, 1, 1)] * len(keys),
                "share_male": [0.3] * len(keys),
            },
            schema={"key": pl.String, "m_from": pl.Date, "share_male": pl.Float64},
        )
        fig = build_share_facets(frame, national, "share_male", "Share of men", None, "en")
        assert len(fig.data) == 2 * len(keys)
