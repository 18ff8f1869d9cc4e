"""The layers are enforced by `make lint` (ruff's banned-api, configured in pyproject.toml): a
deliberate violation fails, the same import in its own layer passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import PROJECT_ROOT

RUFF = Path(sys.executable).with_name("ruff")


def _lint(source: str, as_file: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(RUFF), "check", "--no-cache", "--stdin-filename", as_file, "-"],
        input=source,
        text=True,
        capture_output=True,
        cwd=PROJECT_ROOT,
        check=False,
    )


@pytest.mark.parametrize(
    "as_file",
    ["dashboard/metrics/kpis.py", "dashboard/present/charts.py", "dashboard/contract.py"],
)
def test_streamlit_outside_the_ui_layer_fails_lint(as_file):
    result = _lint("import streamlit as st\n\nst.write(1)\n", as_file)
    assert result.returncode != 0 and "TID251" in result.stdout


def _lint_imports(tmp_path: Path, violation: tuple[str, str] | None) -> subprocess.CompletedProcess:
    """import-linter's contracts (pyproject.toml) over a copy of the package, optionally with one
    deliberate violation written into a module."""
    shutil.copytree(PROJECT_ROOT / "dashboard", tmp_path / "dashboard")
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if violation is not None:
        module, line = violation
        path = tmp_path / module
        path.write_text(line + "\n" + path.read_text())
    return subprocess.run(
        [str(RUFF.with_name("lint-imports")), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        text=True,
        capture_output=True,
        check=False,
    )


def test_the_layer_contracts_hold(tmp_path):
    result = _lint_imports(tmp_path, None)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "violation",
    [
        ("dashboard/pages/overview.py", "from dashboard.build import ingest  # noqa"),
        ("dashboard/ui/widgets.py", "import dashboard.build.synth  # noqa"),
        ("dashboard/present/charts.py", "import streamlit  # noqa"),
    ],
)
def test_a_deliberate_layer_violation_fails(tmp_path, violation):
    result = _lint_imports(tmp_path, violation)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout


@pytest.mark.parametrize("as_file", ["dashboard/ui/widgets.py", "dashboard/pages/overview.py"])
def test_streamlit_in_its_own_layer_passes(as_file):
    result = _lint("import streamlit as st\n\nst.write(1)\n", as_file)
    assert result.returncode == 0, result.stdout


def test_no_module_outside_the_ui_layer_imports_streamlit():
    allowed = ("dashboard/ui/", "dashboard/pages/", "dashboard/app.py")
    for path in (PROJECT_ROOT / "dashboard").rglob("*.py"):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        if rel.startswith(allowed):
            continue
        text = path.read_text()
        assert "import streamlit" not in text and "from streamlit" not in text, rel
