"""Simulation study of the impact estimator: many small synthetic worlds under no effect, the
demo's planted effects and doubled effects; per outcome the bias, RMSE, coverage of the 95%
interval, the rate of "significant" results and, under no effect, the share of worlds with any
false claim after the Holm correction the Impact page uses.

    python -m bench.validate [--runs 100] [--scale 0.2] [--workers 2] [--out bench/results]

Each world is the demo generator with its own seed (seed = base + run), read into the event
study's panel in memory (`simulate_panels`: the same panel the warehouse query gives, checked
by tests/test_impact.py); the truth of a world is its realised effect (the same world without
the effect, same random draws). Beside it, Callaway and Sant'Anna's ATT(g,t) in levels (one
base month, no age rule for controls) aggregated over the same post months, point estimates
only, to show what the project's choices change. Results in validate.md / validate.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from dashboard.build.synth import SynthConfig, simulate_panels
from dashboard.metrics.impact import (
    COUNT_OUTCOMES,
    HEADLINE,
    POST,
    event_studies,
    holm,
    prepare,
    realised_effect,
)

TODAY = date(2026, 11, 24)  # the test suite's fixed "today": every world ends October 2026
SCENARIOS = {"none": 0.0, "demo": 1.0, "double": 2.0}
TARGETS = {
    "bias_over_se": 0.25,
    "coverage": (0.92, 0.98),
    "false_positive": 0.06,
    "any_false_positive": 0.10,
}


def config(scenario: str, seed: int, scale: float) -> SynthConfig:
    k = SCENARIOS[scenario]
    demo = SynthConfig()
    return replace(
        demo,
        seed=seed,
        scale=scale,
        today=TODAY,
        coordinator_effect_new_guests=demo.coordinator_effect_new_guests * k,
        coordinator_effect_male_pp=demo.coordinator_effect_male_pp * k,
        coordinator_effect_youth_pp=demo.coordinator_effect_youth_pp * k,
        coordinator_effect_care_referral_pp=demo.coordinator_effect_care_referral_pp * k,
    )


def cs_relative(panel, centres, outcome: str) -> float:
    """Callaway-Sant'Anna ATT(g,t), levels, base month g-1, not-yet-treated controls (any age),
    summed over the post months of the funded centres in the design, as a relative change."""
    d, ids, months = prepare(panel, centres)
    post = np.isin(d.event, POST)
    col = COUNT_OUTCOMES[outcome]
    y = np.zeros((len(ids), len(months)))
    pos = {c: k for k, c in enumerate(ids)}
    index = {m: k for k, m in enumerate(months)}
    for c, m, v in panel.select("centre_id", "month", col).iter_rows():
        y[pos[c], index[m]] = v
    starts = {}
    for k, s in enumerate(centres["coordinator_start"]):
        if s is not None:
            starts[k] = (s.year - months[0].year) * 12 + s.month - months[0].month
    start = np.array([starts.get(k, np.inf) for k in range(len(ids))], dtype=float)
    effect = counterfactual = 0.0
    for i, t in zip(d.treated[post], d.month[post], strict=True):
        g = int(start[i])
        controls = start > max(t, g - 1)
        if not controls.any():
            continue
        change = (y[controls, t] - y[controls, g - 1]).mean()
        expected = y[i, g - 1] + change
        effect += y[i, t] - expected
        counterfactual += expected
    return effect / counterfactual if counterfactual else float("nan")


def one_run(args: tuple[str, int, float, int]) -> dict:
    scenario, seed, scale, replicates = args
    centres, panel, panel0 = simulate_panels(config(scenario, seed, scale))
    studies = event_studies(panel, centres, HEADLINE, replicates=replicates, seed=seed)
    rejected = holm({o: s.p_value for o, s in studies.items()})
    out = {"scenario": scenario, "seed": seed, "outcomes": {}}
    for o, s in studies.items():
        out["outcomes"][o] = {
            "truth": realised_effect(panel, panel0, centres, o),
            "estimate": s.estimate,
            "se": s.se,
            "low": s.low,
            "high": s.high,
            "p": s.p_value,
            "holm": rejected[o],
            "pre_p": s.pre_p_value,
            "cs": cs_relative(panel, centres, o) if o in COUNT_OUTCOMES else None,
        }
    return out


def summarise(runs: list[dict]) -> dict:
    summary = {}
    for scenario in SCENARIOS:
        rs = [r for r in runs if r["scenario"] == scenario]
        if not rs:
            continue
        per = {}
        for o in HEADLINE:
            rows = [
                r["outcomes"][o] for r in rs if r["outcomes"][o]["se"] == r["outcomes"][o]["se"]
            ]
            err = np.array([x["estimate"] - x["truth"] for x in rows])
            se = np.array([x["se"] for x in rows])
            covered = np.array([x["low"] <= x["truth"] <= x["high"] for x in rows])
            significant = np.array([x["p"] < 0.05 for x in rows])
            cs = np.array([x["cs"] - x["truth"] for x in rows if x["cs"] is not None])
            per[o] = {
                "runs": len(rows),
                "truth_mean": float(np.mean([x["truth"] for x in rows])),
                "estimate_mean": float(np.mean([x["estimate"] for x in rows])),
                "bias": float(err.mean()),
                "bias_mc_se": float(err.std(ddof=1) / math.sqrt(len(err))),
                "mean_se": float(se.mean()),
                "sd_estimate_minus_truth": float(err.std(ddof=1)),
                "bias_over_se": float(abs(err.mean()) / se.mean()),
                "rmse": float(np.sqrt((err**2).mean())),
                "coverage": float(covered.mean()),
                "significant": float(significant.mean()),
                "holm_significant": float(np.mean([x["holm"] for x in rows])),
                "pre_test_rejects": float(np.mean([x["pre_p"] < 0.05 for x in rows])),
                "cs_bias": float(cs.mean()) if cs.size else None,
                "cs_rmse": float(np.sqrt((cs**2).mean())) if cs.size else None,
            }
        summary[scenario] = {
            "runs": len(rs),
            "outcomes": per,
            "any_significant_holm": float(
                np.mean([any(x["holm"] for x in r["outcomes"].values()) for r in rs])
            ),
            "any_significant_uncorrected": float(
                np.mean([any(x["p"] < 0.05 for x in r["outcomes"].values()) for r in rs])
            ),
        }
    return summary


def verdict(summary: dict) -> dict[str, bool]:
    """Each target of the issue, met or not, over every scenario that ran."""
    checks = {}
    for scenario, s in summary.items():
        for o, x in s["outcomes"].items():
            checks[f"{scenario}/{o}/bias"] = x["bias_over_se"] < TARGETS["bias_over_se"]
            lo, hi = TARGETS["coverage"]
            checks[f"{scenario}/{o}/coverage"] = lo <= x["coverage"] <= hi
            if scenario == "none":
                checks[f"none/{o}/false_positive"] = x["significant"] <= TARGETS["false_positive"]
        if scenario == "none":
            checks["none/any_false_positive"] = (
                s["any_significant_holm"] <= TARGETS["any_false_positive"]
            )
    return checks


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _value(o: str, x: float) -> str:
    return f"{100 * x:+.2f}%" if o in COUNT_OUTCOMES else f"{100 * x:+.2f} pp"


def markdown(result: dict) -> str:
    m = result["meta"]
    lines = [
        "# Impact estimator: simulation study",
        "",
        f"Run {m['finished']} on {m['machine']} ({m['workers']} worker processes, machine shared "
        f"with other work), {m['seconds']:.0f} s. Worlds per scenario: "
        + ", ".join(f"{k} {v}" for k, v in m["runs"].items())
        + "; seeds "
        f"{m['seeds'][0]}..{m['seeds'][1]}; scale {m['scale']} of the demo (about "
        f"{m['visits_per_world']:,} visits per world); {m['replicates']} bootstrap replicates; "
        f"data up to {m['today']}. Rerun: `make validate`.",
        "",
        "Truth = the realised effect of each world (the same world without the effect, same "
        "random draws). Coverage of the 95% interval; 'significant' = p < 0.05 for that outcome "
        "alone; 'any (Holm)' = at least one of the five outcomes claimed after Holm's correction.",
        "",
        "| scenario | outcome | truth | bias | bias / SE | RMSE | mean SE | coverage | "
        "significant | CS bias | CS RMSE |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scenario, s in result["summary"].items():
        for o, x in s["outcomes"].items():
            cs = (
                (_value(o, x["cs_bias"]), _value(o, x["cs_rmse"]).lstrip("+"))
                if x["cs_bias"] is not None
                else ("", "")
            )
            lines.append(
                f"| {scenario} | {o} | {_value(o, x['truth_mean'])} | {_value(o, x['bias'])} | "
                f"{x['bias_over_se']:.2f} | {_value(o, x['rmse']).lstrip('+')} | "
                f"{_value(o, x['mean_se']).lstrip('+')} | {_pct(x['coverage'])} | "
                f"{_pct(x['significant'])} | {cs[0]} | {cs[1]} |"
            )
    lines += ["", "| scenario | any outcome significant (Holm) | without correction |"]
    lines += ["| --- | ---: | ---: |"]
    for scenario, s in result["summary"].items():
        lines.append(
            f"| {scenario} | {_pct(s['any_significant_holm'])} | "
            f"{_pct(s['any_significant_uncorrected'])} |"
        )
    failed = [k for k, ok in result["verdict"].items() if not ok]
    lines += [
        "",
        "Targets: |bias| < SE/4, coverage 92-98%, per-outcome false positives <= 6%, any-outcome "
        "false positives <= 10% (under no effect).",
        "",
        "All targets met." if not failed else "Targets NOT met: " + ", ".join(failed),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=100, help="worlds per scenario with an effect")
    p.add_argument("--null-runs", type=int, default=200, help="worlds without an effect")
    p.add_argument("--scale", type=float, default=0.2)
    p.add_argument("--replicates", type=int, default=400)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=1000)
    p.add_argument("--scenarios", default=",".join(SCENARIOS))
    p.add_argument("--out", type=Path, default=Path("bench/results"))
    args = p.parse_args(argv)
    scenarios = args.scenarios.split(",")
    runs_of = {sc: args.null_runs if sc == "none" else args.runs for sc in scenarios}
    jobs = [
        (sc, args.seed + r, args.scale, args.replicates)
        for r in range(max(runs_of.values()))
        for sc in scenarios
        if r < runs_of[sc]
    ]
    started = time.time()
    runs = []
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for k, run in enumerate(pool.map(one_run, jobs, chunksize=1), 1):
            runs.append(run)
            if k % 10 == 0 or k == len(jobs):
                print(f"{k}/{len(jobs)} worlds, {time.time() - started:.0f} s", flush=True)
    summary = summarise(runs)
    _, panel, _ = simulate_panels(config("none", args.seed, args.scale))
    result = {
        "meta": {
            "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "workers": args.workers,
            "seconds": time.time() - started,
            "runs": runs_of,
            "scale": args.scale,
            "replicates": args.replicates,
            "seeds": [args.seed, args.seed + max(runs_of.values()) - 1],
            "today": TODAY.isoformat(),
            "visits_per_world": int(panel["visits"].sum()),
            "scenarios": {sc: SCENARIOS[sc] for sc in scenarios},
        },
        "summary": summary,
        "verdict": verdict(summary),
        "runs": runs,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "validate.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    (args.out / "validate.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return result


if __name__ == "__main__":
    main()
