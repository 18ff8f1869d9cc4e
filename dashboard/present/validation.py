"""The impact estimator's simulation study as the Methodology page shows it: the results
`make validate` wrote (bench/results/validate.json), read back and laid out as one table per
scenario and outcome. Nothing is computed here that the study did not compute."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

import polars as pl

from dashboard import PROJECT_ROOT
from dashboard.metrics.impact import COUNT_OUTCOMES
from dashboard.present.i18n import fmt_dec, fmt_pct, t
from dashboard.present.impacttext import outcome_label

RESULTS = PROJECT_ROOT / "bench" / "results" / "validate.json"


def load_validation(path: Path = RESULTS) -> dict | None:
    """The latest study's summary (meta, summary, verdict), or None if it was never run. Read
    again only when the file changes (the Impact page asks on every run)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return copy.deepcopy(_read_validation(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=4)
def _read_validation(path: Path, mtime_ns: int, size: int) -> dict:
    del mtime_ns, size  # part of the key only: a new file is read again
    result = json.loads(path.read_text(encoding="utf-8"))
    return {k: result[k] for k in ("meta", "summary", "verdict")}


def _value(outcome: str, x: float | None, lang: str, signed: bool = True) -> str:
    if x is None:
        return "–"
    if outcome in COUNT_OUTCOMES:
        text = fmt_pct(abs(x) if not signed else x, 2, lang)
        return ("+" if signed and x > 0 else "") + text
    text = fmt_dec((x if signed else abs(x)) * 100, 2, lang)
    return ("+" if signed and x > 0 else "") + text + " " + t("points_short", lang)


def validation_table(result: dict, lang: str) -> pl.DataFrame:
    """One row per scenario and outcome: truth, bias, bias / SE, RMSE, mean SE, coverage, share
    significant, any outcome significant after Holm, and the Callaway-Sant'Anna RMSE."""
    rows = []
    for scenario, s in result["summary"].items():
        for outcome, x in s["outcomes"].items():
            rows.append(
                {
                    t("col_scenario", lang): t(f"scenario_{scenario}", lang),
                    t("outcome", lang): outcome_label(outcome, lang),
                    t("col_truth", lang): _value(outcome, x["truth_mean"], lang),
                    t("col_bias", lang): _value(outcome, x["bias"], lang),
                    t("col_bias_over_se", lang): fmt_dec(x["bias_over_se"], 2, lang),
                    t("col_rmse", lang): _value(outcome, x["rmse"], lang, signed=False),
                    t("col_mean_se", lang): _value(outcome, x["mean_se"], lang, signed=False),
                    t("col_coverage", lang): fmt_pct(x["coverage"], 1, lang),
                    t("col_significant", lang): fmt_pct(x["significant"], 1, lang),
                    t("col_any_holm", lang): fmt_pct(s["any_significant_holm"], 1, lang),
                    t("col_cs_rmse", lang): _value(outcome, x["cs_rmse"], lang, signed=False),
                }
            )
    return pl.DataFrame(rows)
