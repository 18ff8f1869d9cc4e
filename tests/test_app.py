"""AppTest: every listed page runs; filters change numbers; the URL round-trips; bad links
and a missing warehouse give a clear message, never a traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, PAGE_FILES, TODAY, frame_ran


@pytest.fixture
def app(demo_warehouse, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))

    def make(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_runs_with_numbers(app):
    at = app()
    assert not at.exception
    m = metrics(at)
    assert m["Centra"] == "90"
    assert m["Bezoeken"].replace(".", "").isdigit()
    assert any("Synthetische demodata" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 2
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Start KWF-subsidie" in spec
    assert any("Ecorys" in c.value for c in at.caption)


def test_every_listed_page_runs(app):
    at = app()
    assert at.session_state["ctx"].filters.national  # the shared context the pages read
    # the app lists only working pages; each one runs without exception
    for page in PAGE_FILES:
        at.switch_page(page).run()
        assert not at.exception, page
        # a page run without the frame would pass the line above: the sidebar must be there
        assert frame_ran(at), page
        at.selectbox(key="f_province").set_value("Limburg").run()
        assert frame_ran(at) and at.session_state["ctx"].filters.province == "Limburg", page
        at.selectbox(key="f_province").set_value(None).run()


def test_filter_change_changes_numbers_and_url(app):
    at = app()
    national = metrics(at)["Bezoeken"]
    at.selectbox(key="f_province").set_value("Limburg").run()
    assert not at.exception
    assert metrics(at)["Bezoeken"] != national
    assert str(at.query_params["province"]).strip("[]'") == "Limburg"
    at.selectbox(key="f_centre_Limburg").set_value("C004").run()
    assert str(at.query_params["centre"]).strip("[]'") == "C004"
    assert any("Roermond" in md.value for md in at.markdown)


def test_url_reproduces_the_view(app):
    at = app(**{"from": "2023-01", "to": "2023-06", "province": "Limburg", "centre": "C004"})
    assert not at.exception
    assert at.select_slider(key="f_period").value[0].isoformat() == "2023-01-01"
    assert at.selectbox(key="f_centre_Limburg").value == "C004"
    again = app(**{"from": "2023-01", "to": "2023-06", "province": "Limburg", "centre": "C004"})
    assert metrics(again) == metrics(at)
    assert all("link" not in w.value for w in at.warning)  # a valid link gets no complaint


@pytest.mark.parametrize(
    "params",
    [
        {"centre": "<script>alert(1)</script>"},
        {"centre": "C004' OR 1=1 --"},
        {"province": "x" * 5000},
        {"from": "2024-13", "to": "yesterday"},
        {"from": "1990-01"},
    ],
)
def test_hostile_links_get_a_message_and_a_fallback(app, params):
    at = app(**params)
    assert not at.exception
    assert any("link" in w.value for w in at.warning)
    assert metrics(at)["Centra"]  # the page still shows numbers


def test_missing_warehouse_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(tmp_path / "nothing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert any("ipso-dashboard ingest" in e.value for e in at.error)


def test_overview_offers_downloads_and_the_board_pack(app):
    at = app()
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") >= 3 and labels.count("Excel") >= 3
    assert "Boardpack (PowerPoint)" in labels


def test_a_warehouse_built_by_another_version_is_explained(small_extract, tmp_path, monkeypatch):
    """A warehouse whose roll-ups another version built is refused with a rebuild message, not
    a missing-table error on every page."""
    import duckdb

    from dashboard.build.ingest import ingest
    from dashboard.metrics.db import Warehouse, WarehouseOutdated

    path = tmp_path / "old.duckdb"
    ingest(small_extract, path, as_of=TODAY)
    Warehouse(path)  # its own version serves it
    with duckdb.connect(str(path)) as con:
        con.execute("update meta set value = '\"0000\"' where key = 'build_layout'")
    with pytest.raises(WarehouseOutdated):
        Warehouse(path)
    monkeypatch.setenv("IPSO_WAREHOUSE", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("make warehouse" in e.value for e in at.error)
