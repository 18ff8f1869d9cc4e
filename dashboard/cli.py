"""`ipso-dashboard`: generate demo data, ingest an extract, print KPIs as JSON, board packs.

ipso-dashboard demo-data [--out DIR] [--scale X] [--seed N]
ipso-dashboard ingest EXTRACT_DIR [--warehouse PATH]
ipso-dashboard kpis --from DATE --to DATE [--centre ID] [--province NAME] [--warehouse PATH]
ipso-dashboard boardpack --period FROM:TO [--centre ID] [--lang nl|en] [--pdf] --out deck.pptx
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

KPIS_EPILOG = """\
Output (JSON on stdout):
  period            {"from", "to", "months"}: whole calendar months; --from is taken from the
                    start of its month, --to to the end of its month
  filter            {"province", "centre", "level"}: level is national, province or centre
  survey_months     {"from", "to", "none"}: the months whose survey answers count; nationally
                    the period, below it the whole calendar quarters inside the period (none:
                    there is no whole quarter, so no answers)
  kpis              one object per KPI of the data contract, each
                    {"value", "n", "suppressed", "unit", ["unknown"]}:
                    value   the figure; shares as fractions (0.84 = 84%), money in euros;
                            null when suppressed (fewer than 10 guests or responses outside the
                            national total) or undefined (nothing to divide by); below the
                            national total counts are rounded to 5 (visits: the sum of the
                            rounded months; survey answers: of the rounded quarters)
                    n       what the figure rests on (guests, known answers, responses, visits)
                    unknown for shares of guests: guests with an unknown value, left out of n
                    KPIs: centres, paid_coordinators, volunteers, paid_fte, visits, guests,
                    new_guests, visits_per_guest, share_visits_by_women, share_female,
                    share_male, share_children, share_young_adults, share_youth, share_40_49,
                    share_50_plus, share_relatives, share_bereaved, share_patients,
                    share_referral_<source>, survey_responses, rating_mean, rating_8_plus,
                    quality_of_life_improved, daily_functioning_improved, picked_up_life,
                    more_energetic, less_alone, avoided_care_visit, back_to_work, funding_eur,
                    funding_kwf_eur, funding_per_visit_eur
  funding_by_funder_eur  euros per funder falling in the period (grants spread over their days)
  societal_value    avoided consultations and euros (low/high) scaled from Ecorys (2024)
  tiles             the names of the eight headline KPIs (the Overview's tiles, the board
                    pack's KPI slide)
  previous_period   {"from", "to", "outside_data", "data_coverage", "warning", "kpis"}: the
                    same KPIs for the period of equal length just before; when that period
                    starts before the first month with data, outside_data is true and kpis
                    null (no change is shown then, as on the Overview)
  data_months       {"first", "last"}: the months the warehouse holds visits for; months of
                    the period outside them hold no visits
  data_coverage     how much of the period has data: all, part or none; with part or none,
                    data_note says what that means (funding per visit divides only the
                    funding of the months with data, or is null)
  synthetic_data    true when the warehouse was built from the synthetic demo extract
Exit status: 0 on success, 2 on invalid arguments (message on stderr).
"""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text if len(text) > 7 else f"{text}-01")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD or YYYY-MM): {text!r}") from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ipso-dashboard",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo-data", help="write a synthetic demo extract")
    demo.add_argument(
        "--out", type=Path, default=None, help="extract folder (default data/extracts/demo)"
    )
    demo.add_argument("--scale", type=float, default=1.0, help="x visits (1 = about 1.4 million)")
    demo.add_argument("--seed", type=int, default=2022)
    demo.add_argument("--today", type=_date, default=None, help="treat this date as today")

    ing = sub.add_parser("ingest", help="validate an extract and build the warehouse")
    ing.add_argument("extract", type=Path)
    ing.add_argument("--warehouse", type=Path, default=None)
    ing.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="the date treated as today for 'not in the future' (default: today)",
    )
    ing.add_argument("--quiet", action="store_true", help="no progress lines")

    kp = sub.add_parser(
        "kpis",
        help="print the KPIs for a period and filter as JSON",
        epilog=KPIS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kp.add_argument("--from", dest="date_from", type=_date, required=True)
    kp.add_argument("--to", dest="date_to", type=_date, required=True)
    kp.add_argument("--centre", default=None, help="centre_id")
    kp.add_argument("--province", default=None, help="Dutch province name, e.g. Limburg")
    kp.add_argument("--warehouse", type=Path, default=None)

    bp = sub.add_parser("boardpack", help="write the board pack (PowerPoint or PDF) of a view")
    bp.add_argument("--from", dest="date_from", type=_date, default=None)
    bp.add_argument("--to", dest="date_to", type=_date, default=None)
    bp.add_argument(
        "--period",
        default=None,
        help="FROM:TO, e.g. 2025-01:2025-12 "
        "(instead of --from/--to; default: the latest 12 months with data)",
    )
    bp.add_argument("--centre", default=None, help="centre_id")
    bp.add_argument("--province", default=None, help="Dutch province name, e.g. Limburg")
    bp.add_argument("--lang", choices=("nl", "en"), default="nl")
    bp.add_argument(
        "--out", type=Path, required=True, help="the file to write (.pptx, or .pdf with --pdf)"
    )
    bp.add_argument(
        "--pdf",
        action="store_true",
        help="the same slides as a PDF printed by the server's Chromium (also when --out ends "
        "in .pdf)",
    )
    bp.add_argument("--warehouse", type=Path, default=None)

    args = parser.parse_args(argv)
    if args.command == "boardpack":
        return _boardpack(args, parser)
    if args.command == "demo-data":
        return _demo(args)
    if args.command == "ingest":
        return _ingest(args)
    return _kpis(args, parser)


def _demo(args) -> int:
    from dashboard.build.synth import SynthConfig, generate
    from dashboard.metrics.db import DEFAULT_EXTRACT

    out = args.out or DEFAULT_EXTRACT
    cfg = SynthConfig(seed=args.seed, scale=args.scale, today=args.today)

    def progress(msg: str, frac: float) -> None:
        print(f"\r[{frac:6.1%}] {msg:<40}", end="", file=sys.stderr, flush=True)

    summary = generate(out, cfg, progress=progress)
    print(file=sys.stderr)
    rows = ", ".join(f"{k} {v:,}" for k, v in summary["rows"].items())
    print(f"Synthetic demo extract written to {out}: {rows}")
    return 0


def _ingest(args) -> int:
    from dashboard.build.ingest import ExtractRejected, ingest
    from dashboard.metrics.db import warehouse_path

    target = args.warehouse or warehouse_path()

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"  {msg}", file=sys.stderr, flush=True)

    try:
        report = ingest(args.extract, target, as_of=args.as_of, progress=progress)
    except ExtractRejected as exc:
        print(
            f"Extract rejected: {exc.path}\n  {exc.reason}\n"
            f"The warehouse at {target} was not changed.",
            file=sys.stderr,
        )
        return 1
    print(report.to_text())
    return 0


def _open_warehouse(args, parser):
    """The warehouse --warehouse (or $IPSO_WAREHOUSE) names; exit 2 with the reason if there is
    none or another version built it."""
    from dashboard.metrics.db import Warehouse, WarehouseMissing, WarehouseOutdated, warehouse_path

    try:
        wh = Warehouse(args.warehouse or warehouse_path())
    except WarehouseOutdated as exc:
        parser.exit(
            2,
            f"The warehouse at {exc} was built by another version: "
            "run `ipso-dashboard ingest EXTRACT_DIR` again.\n",
        )
    except WarehouseMissing as exc:
        parser.exit(2, f"No warehouse at {exc}. Run `ipso-dashboard ingest EXTRACT_DIR` first.\n")
    return wh


def _boardpack(args, parser) -> int:
    from dashboard.metrics.filters import parse_filters
    from dashboard.metrics.queries import load_catalog
    from dashboard.present.boardpack import build_deck
    from dashboard.present.pdfdeck import PdfUnavailable

    wh = _open_warehouse(args, parser)
    if args.period:
        try:
            start, end = (_date(x) for x in args.period.split(":", 1))
        except (ValueError, argparse.ArgumentTypeError):
            parser.exit(2, f"--period takes FROM:TO, e.g. 2025-01:2025-12, not {args.period!r}\n")
    else:
        start, end = args.date_from, args.date_to
    catalog = load_catalog(wh)
    params = {"province": args.province, "centre": args.centre}
    if start:
        params["from"] = start.isoformat()
    if end:
        params["to"] = end.isoformat()
    filters, problems = parse_filters(params, catalog)
    if problems:
        parser.exit(
            2,
            f"Invalid arguments ({', '.join(problems)}): the warehouse has months "
            f"{catalog.months[0]:%Y-%m} to {catalog.months[-1]:%Y-%m}.\n",
        )
    fmt = "pdf" if args.pdf or args.out.suffix.lower() == ".pdf" else "pptx"
    try:
        data = build_deck(wh, catalog, filters, args.lang, fmt=fmt)
    except PdfUnavailable as exc:
        parser.exit(1, f"No PDF written: {exc}\n")
    args.out.write_bytes(data)
    print(f"Board pack written to {args.out} ({filters.period_start} to {filters.period_end})")
    return 0


def _kpis(args, parser) -> int:
    from dashboard.metrics.filters import parse_filters
    from dashboard.metrics.kpis import compute_kpis, kpis_json, previous_period
    from dashboard.metrics.queries import load_catalog

    wh = _open_warehouse(args, parser)
    catalog = load_catalog(wh)
    params = {
        "from": args.date_from.isoformat(),
        "to": args.date_to.isoformat(),
        "province": args.province,
        "centre": args.centre,
    }
    filters, problems = parse_filters(params, catalog)
    # A period may reach beyond the data (months without visits count as empty); a reversed
    # period, an unknown province or centre is an error.
    problems = [p for p in problems if not p.startswith("month_out_of_range")]
    filters = replace(
        filters,
        month_from=args.date_from.replace(day=1),
        month_to=args.date_to.replace(day=1),
    )
    if args.date_from > args.date_to:
        problems.append("period_reversed")
    if problems:
        first, last = catalog.months[0], catalog.months[-1]
        parser.exit(
            2,
            f"Invalid arguments ({', '.join(problems)}): the warehouse has months "
            f"{first:%Y-%m} to {last:%Y-%m}, provinces {', '.join(catalog.provinces)}"
            f" and {len(catalog.centres)} centre ids.\n",
        )
    data_months = (catalog.months[0], catalog.months[-1])
    result = compute_kpis(wh, filters, data_months)
    before = previous_period(filters, catalog.months[0])
    previous = compute_kpis(wh, before, data_months) if before is not None else None
    out = kpis_json(result, previous, data_months)
    out["data_months"] = {
        "first": catalog.months[0].isoformat(),
        "last": catalog.months[-1].isoformat(),
    }
    out["synthetic_data"] = wh.synthetic
    out["warehouse_version"] = wh.version
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
