"""What the benchmark scripts (run, load, browser) share: the warehouse they measure by default,
where their results go, and how a result is written: a JSON file for machines and a Markdown file
for people, the Markdown printed as well."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from dashboard import PROJECT_ROOT

WAREHOUSE = PROJECT_ROOT / "data" / "warehouse" / "ipso.duckdb"
RESULTS = PROJECT_ROOT / "bench" / "results"


def add_common_args(
    parser: argparse.ArgumentParser, *, warehouse: bool = True, note: bool = True
) -> None:
    """--warehouse (what is measured), --out (where results go), --note (a sentence for them)."""
    if warehouse:
        parser.add_argument("--warehouse", type=Path, default=WAREHOUSE)
    parser.add_argument("--out", type=Path, default=RESULTS)
    if note:
        parser.add_argument("--note", default="", help="a sentence for the results (e.g. the load)")


def write_results(out: Path, stem: str, result: dict, markdown: Callable[[dict], str]) -> dict:
    """`stem`.json and `stem`.md in `out`; the Markdown is printed too."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    text = markdown(result)
    (out / f"{stem}.md").write_text(text, encoding="utf-8")
    print(text)
    return result
