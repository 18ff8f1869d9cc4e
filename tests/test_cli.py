"""The command line: `kpis` prints the Overview's numbers as documented JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.metrics.filters import Filters
from dashboard.metrics.kpis import compute_kpis


def test_kpis_help_documents_the_json(capsys):
    with pytest.raises(SystemExit) as done:
        main(["kpis", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for word in (
        "JSON",
        "value",
        "suppressed",
        "unknown",
        "fractions",
        "euros",
        "share_50_plus",
        "previous_period",
        "funding_by_funder_eur",
    ):
        assert word in text, word


def test_kpis_equal_the_kpi_module(wh, demo_warehouse, capsys):
    assert (
        main(
            [
                "kpis",
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
                "--province",
                "Limburg",
                "--warehouse",
                str(demo_warehouse),
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    expected = compute_kpis(wh, Filters(date(2024, 1, 1), date(2024, 12, 1), "Limburg")).kpis
    assert out["period"] == {"from": "2024-01-01", "to": "2024-12-31", "months": 12}
    assert out["survey_months"] == {"from": "2024-01-01", "to": "2024-12-31", "none": False}
    assert out["filter"]["level"] == "province"
    for name, kpi in expected.items():
        assert out["kpis"][name]["value"] == pytest.approx(kpi.value), name
    assert out["synthetic_data"] is True
    assert out["previous_period"]["from"] == "2023-01-01"


@pytest.mark.parametrize(
    "args",
    [
        ["--centre", "'; drop table visits; --"],
        ["--province", "Atlantis"],
        ["--from", "2024-05", "--to", "2024-01"],
    ],
)
def test_kpis_invalid_arguments_exit_2(demo_warehouse, args, capsys):
    base = ["kpis", "--from", "2024-01", "--to", "2024-06", "--warehouse", str(demo_warehouse)]
    # later options win in argparse, so the bad value replaces the good one
    with pytest.raises(SystemExit) as done:
        main(base + args)
    assert done.value.code == 2
    assert "Invalid arguments" in capsys.readouterr().err


def test_missing_warehouse_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(
            [
                "kpis",
                "--from",
                "2024-01",
                "--to",
                "2024-06",
                "--warehouse",
                str(tmp_path / "none.duckdb"),
            ]
        )
    assert done.value.code == 2
    assert "No warehouse" in capsys.readouterr().err


def test_console_script_is_installed():
    """The `ipso-dashboard` entry point that pip installed (beside this Python), not `-m`."""
    script = shutil.which("ipso-dashboard", path=str(Path(sys.executable).parent))
    assert script is not None, "ipso-dashboard is not installed beside " + sys.executable
    done = subprocess.run(
        [script, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "demo-data" in done.stdout


def _kpis_json(capsys, warehouse, start: str, end: str) -> dict:
    assert main(["kpis", "--from", start, "--to", end, "--warehouse", str(warehouse)]) == 0
    return json.loads(capsys.readouterr().out)


def test_kpis_outside_the_data_follow_the_contract(demo_extract, demo_warehouse, capsys):
    from tests import independent

    tables = independent.load(demo_extract)
    # starting before the data: a guest whose first visit precedes the data is new all the same
    out = _kpis_json(capsys, demo_warehouse, "2018-07-01", "2019-06-30")
    want = independent.kpis(tables, date(2018, 7, 1), date(2019, 6, 1))
    assert out["kpis"]["new_guests"]["value"] == want["new_guests"]
    assert out["data_coverage"] == "part" and "data_note" in out
    # its previous period has no data at all: flagged, not read as a -100% change
    assert out["previous_period"]["data_coverage"] == "none"
    assert "outside the data" in out["previous_period"]["warning"]
    # running past the data's end: funding per visit over the months with data only
    last = tables["visits"]["visit_date"].max().replace(day=1)
    out = _kpis_json(capsys, demo_warehouse, "2026-05-01", "2027-04-30")
    inside = independent.kpis(tables, date(2026, 5, 1), last)
    assert out["kpis"]["visits"]["value"] == inside["visits"]
    assert out["kpis"]["funding_per_visit_eur"]["value"] == pytest.approx(
        inside["funding_eur"] / inside["visits"], rel=1e-9
    )
    # no month with data: no funding per visit
    out = _kpis_json(capsys, demo_warehouse, "2030-01-01", "2030-12-31")
    assert out["data_coverage"] == "none"
    assert out["kpis"]["funding_per_visit_eur"]["value"] is None
