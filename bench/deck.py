"""Benchmark: how long a board pack takes, the way the dashboard makes it (one process, the
chart-export browser started by the first deck and reused after), for the national, a province
and a centre view in both languages. Budget (DESIGN.md): at most 5 s per deck once warm.

    python -m bench.deck [--warehouse PATH] [--repeat 2]

Prints the first (cold: starts the browser) and the following (warm) decks' seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from dashboard.metrics.db import Warehouse, warehouse_path
from dashboard.metrics.filters import Filters
from dashboard.metrics.queries import load_catalog
from dashboard.present.boardpack import build_deck

VIEWS = {
    "national": Filters(date(2025, 1, 1), date(2025, 12, 1)),
    "province": Filters(date(2025, 1, 1), date(2025, 12, 1), "Limburg"),
    "centre": Filters(date(2025, 1, 1), date(2025, 12, 1), "Limburg", "C004"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    wh = Warehouse(args.warehouse or warehouse_path())
    catalog = load_catalog(wh)
    start = time.perf_counter()
    build_deck(wh, catalog, VIEWS["national"], "nl")
    print(f"first deck (starts the export browser): {time.perf_counter() - start:.2f} s")
    for name, f in VIEWS.items():
        for lang in ("nl", "en"):
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                build_deck(wh, catalog, f, lang)
                times.append(time.perf_counter() - start)
            print(
                f"{name:9} {lang}: median {statistics.median(times):.2f} s, max {max(times):.2f} s"
            )


if __name__ == "__main__":
    main()
