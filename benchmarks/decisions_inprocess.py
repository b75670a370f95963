"""In-process decisions per second: the engine pipeline beside a plain-Python baseline.

    .venv/bin/python benchmarks/decisions_inprocess.py [--debtors 10000] [--rss-decisions 100000]

What it does, in one process (pinned to one CPU when the OS allows, and it says so):
1. loads the policy documents from policies/ and prepares a `Decider` with the real
   `DurableRulesEngine`, as the service does at start-up;
2. generates `--debtors` synthetic cases (benchmarks/synthetic.py, seeded);
3. warms up, then times `Decider.decide(case, policy in force)` over all cases (the engine
   pipeline: facts, the stages' engine calls, actions, explanations and trace) and the hand-coded
   baseline (benchmarks/baseline.py) over the same cases, in interleaved rounds;
4. compares the baseline's outcome (and plan figures) with the engine's for every case;
5. samples the RSS every 10,000 decisions over `--rss-decisions` decisions (cycling the cases);
6. profiles one pass over the cases with cProfile and prints the top functions.

It measures and prints; it asserts no timing. Results go to benchmarks/results/inprocess.json.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import psutil
from baseline import BaselineDecision, BaselineParameters, engine_view
from baseline import decide as baseline_decide
from machine import OtherLoad, machine_info, process_cpu_seconds, source_revision
from synthetic import AS_OF, describe, generate_cases

from service.decider import Decider
from service.domain.case import Case
from service.engine import Fact, RulesEngine
from service.engine.durable_engine import DurableRulesEngine
from service.policy.loader import load_directory
from service.policy.model import Policy
from service.policy.registry import PolicyRegistry
from service.policy.stages import STAGES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TARGET_DECISIONS_PER_SECOND = 2_000
RSS_SAMPLE_EVERY = 10_000
# "Flat": after the first sample, RSS grows by no more than this over the rest of the run.
RSS_FLAT_TOLERANCE_BYTES = 1024 * 1024
MIB = 1024 * 1024


def pin_to_one_cpu(cpu: int | None) -> str:
    if cpu is None:
        return "not pinned (--cpu not given)"
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (os.sched_setaffinity is not available here)"
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError as error:
        return f"not pinned ({error})"
    return f"pinned to CPU {cpu} (os.sched_setaffinity)"


def timed_round(cases: Sequence[Case], decide: Callable[[Case], object]) -> tuple[float, list[int]]:
    """Wall time of one pass and each decision's time in ns. Results are not kept: holding
    10,000 decisions with their traces would make the garbage collector's passes longer."""
    durations: list[int] = []
    clock = time.perf_counter_ns
    started = time.perf_counter()
    for case in cases:
        before = clock()
        decide(case)
        durations.append(clock() - before)
    return time.perf_counter() - started, durations


class TimedEngine:
    """Wraps the engine and adds up the wall time spent inside `match` (the engine calls)."""

    def __init__(self, engine: RulesEngine) -> None:
        self.engine = engine
        self.seconds = 0.0
        self.calls = 0

    def prepare(self, policy: Policy) -> None:
        self.engine.prepare(policy)

    def match(self, policy: Policy, stage: str, facts: Sequence[Fact]) -> list[tuple[str, str]]:
        started = time.perf_counter()
        try:
            return self.engine.match(policy, stage, facts)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


def percentile(sorted_values: Sequence[int], share: float) -> int:
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def rss_run(
    cases: Sequence[Case], decide: Callable[[Case], Any], total: int
) -> tuple[list[tuple[int, int]], float]:
    process = psutil.Process()
    samples = [(0, process.memory_info().rss)]
    started = time.perf_counter()
    for done in range(1, total + 1):
        decide(cases[(done - 1) % len(cases)])
        if done % RSS_SAMPLE_EVERY == 0 or done == total:
            samples.append((done, process.memory_info().rss))
    return samples, time.perf_counter() - started


def profile_pass(
    cases: Sequence[Case], decide: Callable[[Case], Any], top: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    profiler = cProfile.Profile()
    profiler.enable()
    for case in cases:
        decide(case)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    entries = stats.stats  # type: ignore[attr-defined]

    def name(key: tuple[str, int, str]) -> str:
        filename, line, function = key
        if filename == "~":
            return function
        for marker in ("site-packages/", "/service/", "/benchmarks/", "/lib/python"):
            if marker in filename:
                filename = filename.split(marker, 1)[1]
                if marker == "/service/":
                    filename = "service/" + filename
                break
        return f"{function} ({filename}:{line})"

    by_self = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)[:top]
    hot = [
        {
            "function": name(key),
            "calls": value[1],
            "self_seconds": round(value[2], 4),
            "self_share": round(value[2] / total, 4),
            "cumulative_share": round(value[3] / total, 4),
        }
        for key, value in by_self
    ]
    # The pipeline's big parts, by cumulative time: (file, exact function names). The names
    # of one part do not call each other, so adding their cumulative times does not double count.
    parts: dict[str, tuple[str, tuple[str, ...]]] = {
        "DurableRulesEngine.match (engine calls incl. json + C core)": (
            "durable_engine.py",
            ("match",),
        ),
        "compute_balance action (balance and interest)": ("actions.py", ("compute_balance",)),
        "set_due_date + set_limitation_date actions": (
            "actions.py",
            ("set_due_date", "set_limitation_date"),
        ),
        "mark_* actions (claim status)": (
            "actions.py",
            ("mark_recoverable", "mark_not_recovered", "mark_expired", "mark_settled"),
        ),
        "plan_standard / plan_personal / decide_* actions": (
            "actions.py",
            (
                "plan_standard",
                "plan_personal",
                "decide_no_further_measures",
                "decide_not_recovered",
                "decide_nothing_due",
            ),
        ),
        "Template.render (explanations, nl + en)": ("explain.py", ("render",)),
        "TraceEntry/Explanation construction + _decision": (
            "decider.py",
            ("_decision",),
        ),
        "building facts + dated parameters": (
            "decider.py",
            (
                "_claim_input_fact",
                "_claim_status_fact",
                "_debtor_fact",
                "_debtor_facts",
                "_add_dated_parameters",
            ),
        ),
    }
    breakdown = []
    for label, (file_part, functions) in parts.items():
        cumulative = sum(
            value[3]
            for (filename, _line, function), value in entries.items()
            if filename.endswith(file_part) and function in functions
        )
        breakdown.append({"part": label, "cumulative_share": round(cumulative / total, 4)})
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(40)
    return hot, breakdown, text.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--debtors", type=int, default=10_000, help="synthetic debtors (10000)")
    parser.add_argument(
        "--rss-decisions", type=int, default=100_000, help="decisions in the RSS run (100000)"
    )
    parser.add_argument("--seed", type=int, default=20250630, help="generator seed")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per side (5)")
    parser.add_argument("--warmup", type=int, default=1_000, help="warm-up decisions (1000)")
    parser.add_argument(
        "--cpu",
        type=int,
        default=0,
        help="pin the process to this CPU (default 0); pass -1 not to pin",
    )
    parser.add_argument(
        "--profile",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="profile one pass with cProfile after the measurement (default on)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "inprocess.json")
    args = parser.parse_args()

    pinning = pin_to_one_cpu(None if args.cpu < 0 else args.cpu)
    policies, catalogue = load_directory(ROOT / "policies")
    registry = PolicyRegistry(policies, catalogue)
    decider = Decider(DurableRulesEngine())
    for policy in registry.policies:
        decider.prepare(policy)

    started = time.perf_counter()
    cases = generate_cases(args.debtors, args.seed)
    generated_in = time.perf_counter() - started
    mix = describe(cases)
    in_force = registry.in_force(AS_OF)
    parameters: dict[str, BaselineParameters] = {}

    def engine_decide(case: Case) -> Any:
        return decider.decide(case, registry.in_force(case.as_of))

    def baseline(case: Case) -> BaselineDecision:
        policy: Policy = registry.in_force(case.as_of)
        found = parameters.get(policy.ruleset_name)
        if found is None:
            found = parameters[policy.ruleset_name] = BaselineParameters.of(policy)
        return baseline_decide(case, found)

    machine = machine_info()
    source = source_revision(ROOT)
    print(
        f"commit {source['commit']}"
        + (" + uncommitted changes" if source["uncommitted_changes_in_service_or_policies"] else "")
    )
    print(
        f"{machine['python']} on {machine['cpu_model']} ({machine['cpus']} CPUs), "
        f"{machine['os']}; process {pinning}"
    )
    print(
        f"{mix['debtors']:,} debtors, {mix['claims']:,} claims ({mix['claims_per_debtor']} per "
        f"debtor), {mix['events']:,} events, seed {args.seed}, as_of {AS_OF}, "
        f"policy in force {in_force.version}; generated in {generated_in:.2f} s"
    )

    for index in range(args.warmup):
        engine_decide(cases[index % len(cases)])
        baseline(cases[index % len(cases)])

    # Agreement of the baseline with the engine, on every case (untimed pass).
    engine_views = [engine_view(engine_decide(case)) for case in cases]
    baseline_views = [baseline(case) for case in cases]
    outcome_differs = [
        index
        for index, (ours, theirs) in enumerate(zip(engine_views, baseline_views, strict=True))
        if ours.outcome != theirs.outcome
    ]
    plan_differs = [
        index
        for index, (ours, theirs) in enumerate(zip(engine_views, baseline_views, strict=True))
        if ours != theirs
    ]
    outcomes = Counter(view.outcome for view in engine_views)
    del engine_views, baseline_views
    gc.collect()

    engine_rates: list[float] = []
    baseline_rates: list[float] = []
    other_load: list[float] = []
    by_claims: dict[int, list[int]] = {}
    all_durations: list[int] = []
    for round_index in range(args.rounds):
        with OtherLoad(process_cpu_seconds) as engine_load:
            seconds, durations = timed_round(cases, engine_decide)
        engine_rates.append(len(cases) / seconds)
        all_durations.extend(durations)
        for case, duration in zip(cases, durations, strict=True):
            by_claims.setdefault(len(case.claims), []).append(duration)
        with OtherLoad(process_cpu_seconds) as baseline_load:
            seconds, _durations = timed_round(cases, baseline)
        baseline_rates.append(len(cases) / seconds)
        other_load += [engine_load.cores, baseline_load.cores]
        print(
            f"  round {round_index + 1}: engine {engine_rates[-1]:,.0f}/s, "
            f"baseline {baseline_rates[-1]:,.0f}/s  (other processes meanwhile: "
            f"{engine_load.cores:.2f} and {baseline_load.cores:.2f} cores)"
        )
    engine_rate = statistics.median(engine_rates)
    baseline_rate = statistics.median(baseline_rates)
    ordered = sorted(all_durations)

    # The share of the pipeline's wall time spent inside the engine calls (no profiler).
    timed_engine = TimedEngine(decider.engine)
    timed_decider = Decider(timed_engine)
    started = time.perf_counter()
    for case in cases:
        timed_decider.decide(case, registry.in_force(case.as_of))
    pipeline_seconds = time.perf_counter() - started
    engine_share = timed_engine.seconds / pipeline_seconds
    engine_calls_per_decision = timed_engine.calls / len(cases)
    durable_stages = sum(
        1 for stage in STAGES if any(rule.when is not None for rule in in_force.rules_of(stage))
    )
    gc.collect()

    with OtherLoad(process_cpu_seconds) as rss_load:
        rss_samples, rss_seconds = rss_run(cases, engine_decide, args.rss_decisions)
    rss_start, rss_end = rss_samples[0][1], rss_samples[-1][1]
    rss_max = max(rss for _done, rss in rss_samples)
    after_first = rss_samples[1][1] if len(rss_samples) > 1 else rss_start
    rss_flat = rss_end - after_first <= RSS_FLAT_TOLERANCE_BYTES

    hot: list[dict[str, Any]] = []
    breakdown: list[dict[str, Any]] = []
    profile_text = ""
    if args.profile:
        hot, breakdown, profile_text = profile_pass(cases, engine_decide, 10)

    agreement = 1 - len(outcome_differs) / len(cases)
    plan_agreement = 1 - len(plan_differs) / len(cases)
    target_met = engine_rate >= TARGET_DECISIONS_PER_SECOND

    print()
    print(f"{'':34}{'decisions/s':>14}{'µs/decision':>14}")
    print(
        f"{'engine pipeline (Decider.decide)':34}{engine_rate:>14,.0f}{1e6 / engine_rate:>14,.0f}"
    )
    print(f"{'plain-Python baseline':34}{baseline_rate:>14,.0f}{1e6 / baseline_rate:>14,.0f}")
    print(
        f"engine / baseline: {engine_rate / baseline_rate:.3f} "
        f"(the baseline is {baseline_rate / engine_rate:.1f}x faster); median of {args.rounds} "
        f"rounds over {len(cases):,} debtors"
    )
    print(
        f"target >= {TARGET_DECISIONS_PER_SECOND:,} decisions/s on one core: "
        f"{'met' if target_met else 'NOT met'}"
    )
    print(
        f"time inside the engine calls (RulesEngine.match, {engine_calls_per_decision:.1f} "
        f"calls per decision, {durable_stages} of them reach durable-rules): "
        f"{engine_share:.1%} of the pipeline's wall time; the rest is facts, actions, "
        "explanations and the trace"
    )
    print(
        f"engine per decision: p50 {percentile(ordered, 0.50) / 1000:,.0f} µs, "
        f"p99 {percentile(ordered, 0.99) / 1000:,.0f} µs, max {ordered[-1] / 1000:,.0f} µs"
    )
    print("engine by claims per debtor: " + ", ".join(
        f"{count}: {len(values) / (sum(values) / 1e9):,.0f}/s"
        for count, values in sorted(by_claims.items())
    ))  # fmt: skip
    print(f"outcomes (engine): {dict(outcomes.most_common())}")
    print(
        f"baseline outcome == engine outcome: {agreement:.2%} "
        f"({len(cases) - len(outcome_differs):,} of {len(cases):,}; "
        f"{len(outcome_differs)} differ); plan figures equal: {plan_agreement:.2%} "
        f"({len(plan_differs)} differ)"
    )
    for index in plan_differs[:5]:
        case = cases[index]
        print(f"  differs: {case.debtor.ref}: engine {engine_view(engine_decide(case))}")
        print(f"  {'':{len(case.debtor.ref) + 10}}baseline {baseline(case)}")
    print()
    print(
        f"RSS over {args.rss_decisions:,} decisions ({args.rss_decisions / rss_seconds:,.0f}/s): "
        f"start {rss_start / MIB:.1f} MiB, end {rss_end / MIB:.1f} MiB, max {rss_max / MIB:.1f} "
        f"MiB, growth {(rss_end - rss_start) / MIB:+.2f} MiB "
        f"({(rss_end - after_first) / MIB:+.2f} MiB after the first {RSS_SAMPLE_EVERY:,}): "
        f"{'flat' if rss_flat else 'NOT flat'}; other processes meanwhile: "
        f"{rss_load.cores:.2f} cores"
    )
    print(
        "  samples (MiB): "
        + " ".join(f"{done // 1000}k={rss / MIB:.1f}" for done, rss in rss_samples)
    )
    if hot:
        print()
        print("cProfile, one pass over the cases (profiling slows Python code more than C code):")
        print(f"  {'self %':>7} {'cum %':>7} {'calls':>9}  function")
        for item in hot:
            print(
                f"  {item['self_share']:>7.1%} {item['cumulative_share']:>7.1%} "
                f"{item['calls']:>9,}  {item['function']}"
            )
        print("  where the time goes (cumulative share of the profiled pass):")
        for part in breakdown:
            print(f"  {part['cumulative_share']:>7.1%}  {part['part']}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "decisions_inprocess",
        "measured_at": date.today().isoformat(),
        "machine": machine,
        "source": source,
        "cpu_pinning": pinning,
        "other_processes_cores_per_round": [round(load, 3) for load in other_load],
        "seed": args.seed,
        "as_of": AS_OF.isoformat(),
        "policy_version": in_force.version,
        "mix": mix,
        "rounds": args.rounds,
        "engine_decisions_per_second": round(engine_rate, 1),
        "engine_rounds": [round(rate, 1) for rate in engine_rates],
        "baseline_decisions_per_second": round(baseline_rate, 1),
        "baseline_rounds": [round(rate, 1) for rate in baseline_rates],
        "engine_to_baseline_ratio": round(engine_rate / baseline_rate, 4),
        "target_decisions_per_second": TARGET_DECISIONS_PER_SECOND,
        "target_met": target_met,
        "engine_call_share_of_pipeline": round(engine_share, 4),
        "engine_calls_per_decision": engine_calls_per_decision,
        "engine_latency_us": {
            "p50": round(percentile(ordered, 0.50) / 1000, 1),
            "p99": round(percentile(ordered, 0.99) / 1000, 1),
            "max": round(ordered[-1] / 1000, 1),
        },
        "engine_decisions_per_second_by_claims": {
            str(count): round(len(values) / (sum(values) / 1e9), 1)
            for count, values in sorted(by_claims.items())
        },
        "outcomes": dict(outcomes.most_common()),
        "outcome_agreement": agreement,
        "outcome_differences": len(outcome_differs),
        "plan_agreement": plan_agreement,
        "plan_differences": len(plan_differs),
        "differing_debtors": [cases[index].debtor.ref for index in plan_differs[:100]],
        "rss": {
            "decisions": args.rss_decisions,
            "decisions_per_second": round(args.rss_decisions / rss_seconds, 1),
            "start_bytes": rss_start,
            "end_bytes": rss_end,
            "max_bytes": rss_max,
            "growth_bytes": rss_end - rss_start,
            "growth_after_first_sample_bytes": rss_end - after_first,
            "flat": rss_flat,
            "other_processes_cores": round(rss_load.cores, 3),
            "flat_means": f"growth after the first sample <= {RSS_FLAT_TOLERANCE_BYTES} bytes",
            "samples": [{"decisions": done, "rss_bytes": rss} for done, rss in rss_samples],
        },
        "profile_top_self_time": hot,
        "profile_breakdown": breakdown,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if profile_text:
        (args.output.parent / "inprocess_profile.txt").write_text(profile_text, encoding="utf-8")
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"\nwrote {shown}")
    if outcome_differs:
        print(f"NOTE: {len(outcome_differs)} case(s) where the baseline and the engine disagree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
