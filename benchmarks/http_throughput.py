"""HTTP throughput of POST /v1/evaluations on one worker, beside the echo endpoint of the same app.

    .venv/bin/python benchmarks/http_throughput.py [--duration 15s] [--connections 32] [--pin]

It starts the service as `make run` does (`.venv/bin/python -m service`: one uvicorn worker with
uvloop and httptools) on a free loopback port with BENCHMARK_ENDPOINTS=1, which mounts
POST /_bench/echo (decodes and re-encodes the JSON body, no decision). PostgreSQL is found the way
the service finds it (DATABASE_URL, else 127.0.0.1:5432, else the embedded one); `--database-url`
sets DATABASE_URL for the server, nothing else here touches the database. Evaluations do not use
the database at all.

Then, with wrk on the same machine, for each round: echo, then evaluations, each
`wrk -t2 -c32 -d15s --latency` with the same realistic three-claim case as the body (after a short
unrecorded warm-up of both). It prints requests/s and p50/p99 latency side by side, the ratio and
whether the targets are met (evaluations >= 40 % of echo's throughput, p99 <= 50 ms), writes
benchmarks/results/http.json and stops the server with SIGTERM.

`--pin` puts the server on CPU 0 and wrk on the other CPUs, so the worker has one core to itself;
without it both share all CPUs (as a load generator on the same host usually does).
It measures and prints; it asserts no timing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import psutil
from machine import OtherLoad, machine_info, process_cpu_seconds, source_revision
from synthetic import http_case

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TARGET_RATIO = 0.40
TARGET_P99_MS = 50.0
ENDPOINTS = {"echo": "/_bench/echo", "evaluations": "/v1/evaluations"}
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}

LUA = """\
local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request(url: str, body: bytes | None = None, timeout: float = 5) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    call = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            status, body = request(f"{base}/health/ready", timeout=2)
            if status == 200:
                ready: dict[str, Any] = json.loads(body)
                return ready
            last = f"HTTP {status}: {body[:200]!r}"
        except OSError as error:
            last = str(error)
        time.sleep(0.2)
    raise RuntimeError(f"not ready after {timeout:.0f} s ({last})")


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> dict[str, Any]:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rate is None:
        raise ValueError(f"no Requests/sec in wrk's output:\n{output}")
    percentiles = {
        f"p{share}": to_ms(value)
        for share, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE)
    }
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests_per_second": float(rate.group(1)),
        "requests": int(total.group(1)) if total else None,
        "latency_ms": percentiles,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
    }


def run_wrk(
    wrk: str,
    url: str,
    lua: Path,
    body_file: Path,
    args: argparse.Namespace,
    duration: str,
    server: psutil.Process,
) -> dict[str, Any]:
    command = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}",
        "--latency",
        "-s",
        str(lua),
        url,
    ]
    env = {**os.environ, "BENCH_BODY_FILE": str(body_file)}
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    preexec = None
    if args.pin and len(cpus) > 1:
        others = set(cpus) - {args.server_cpu}

        def preexec() -> None:
            os.sched_setaffinity(0, others)

    def server_and_wrk() -> float:
        # wrk is a child of this process: its CPU time shows in RUSAGE_CHILDREN once it ends.
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return process_cpu_seconds(server) + children.ru_utime + children.ru_stime

    before = server.cpu_times()
    started = time.perf_counter()
    with OtherLoad(server_and_wrk) as load:
        finished = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False, preexec_fn=preexec
        )
    elapsed = time.perf_counter() - started
    after = server.cpu_times()
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr}")
    result = parse_wrk(finished.stdout)
    busy = (after.user - before.user) + (after.system - before.system)
    result["server_cpu_share"] = round(busy / elapsed, 3)  # 1.0 = one core fully busy
    result["other_processes_cores"] = round(load.cores, 3)  # neither the server nor wrk
    result["command"] = " ".join(command)
    return result


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "requests_per_second": statistics.median(run["requests_per_second"] for run in runs),
        "p50_ms": statistics.median(run["latency_ms"]["p50"] for run in runs),
        "p99_ms": statistics.median(run["latency_ms"]["p99"] for run in runs),
        "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "server_cpu_share": statistics.median(run["server_cpu_share"] for run in runs),
        "other_processes_cores": max(run["other_processes_cores"] for run in runs),
    }


def inprocess_cost(body: bytes, iterations: int = 2_000) -> dict[str, float]:
    """Microseconds per call, in this process, of what the handler does besides HTTP: decode
    the body into a Case, `DecisionService.evaluate` (checks + decision) and encode the
    Decision. Run after the server has stopped, so nothing competes with it."""
    from service.decider import Decider
    from service.decisions import DecisionService
    from service.domain.case import Case
    from service.engine.durable_engine import DurableRulesEngine
    from service.policy.loader import load_directory
    from service.policy.registry import PolicyRegistry

    policies, catalogue = load_directory(ROOT / "policies")
    registry = PolicyRegistry(policies, catalogue)
    decider = Decider(DurableRulesEngine())
    for policy in registry.policies:
        decider.prepare(policy)
    service = DecisionService(registry, decider)
    case = msgspec.json.decode(body, type=Case)
    decision = service.evaluate(case)

    def per_call(step: Callable[[], object]) -> float:
        for _ in range(iterations // 10):
            step()
        started = time.perf_counter()
        for _ in range(iterations):
            step()
        return (time.perf_counter() - started) / iterations * 1e6

    return {
        "decode_case_us": round(per_call(lambda: msgspec.json.decode(body, type=Case)), 1),
        "evaluate_us": round(per_call(lambda: service.evaluate(case)), 1),
        "encode_decision_us": round(per_call(lambda: msgspec.json.encode(decision)), 1),
        "response_bytes": len(msgspec.json.encode(decision)),
    }


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", default="15s", help="wrk duration per run (15s)")
    parser.add_argument("--warmup", default="3s", help="unrecorded wrk run per endpoint (3s)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    # One wrk thread by default: on a 2-CPU machine a second wrk thread takes CPU from the
    # one-worker server and stretches the latency tail (seen: p99 124-341 ms with 2 threads,
    # 52 ms with 1, at the same throughput).
    parser.add_argument(
        "--threads",
        type=int,
        default=max(1, min(2, (os.cpu_count() or 2) - 1)),
        help="wrk threads (default: the CPUs left beside the server, at most 2)",
    )
    parser.add_argument("--rounds", type=int, default=2, help="echo+evaluations rounds (2)")
    parser.add_argument("--database-url", help="DATABASE_URL for the server (else its default)")
    parser.add_argument(
        "--pin",
        action="store_true",
        help="server on --server-cpu, wrk on the other CPUs (default: no pinning)",
    )
    parser.add_argument("--server-cpu", type=int, default=0, help="CPU for the server with --pin")
    parser.add_argument("--startup-timeout", type=float, default=90.0)
    parser.add_argument("--output", type=Path, default=RESULTS / "http.json")
    args = parser.parse_args()

    wrk = shutil.which("wrk")
    if wrk is None:
        print(
            "wrk is not installed. Install it and run again:\n"
            "  apt-get install -y wrk        (Debian/Ubuntu; sudo if not root)\n"
            "  brew install wrk              (macOS)",
            file=sys.stderr,
        )
        return 2
    python = ROOT / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)

    machine = machine_info()
    source = source_revision(ROOT)
    print(
        f"commit {source['commit']}"
        + (" + uncommitted changes" if source["uncommitted_changes_in_service_or_policies"] else "")
    )
    print(
        f"{machine['python']} on {machine['cpu_model']} ({machine['cpus']} CPUs), {machine['os']}"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "BENCHMARK_ENDPOINTS": "1"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    case = http_case()
    body = msgspec.json.encode(case)

    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    body_file = workdir / "case.json"
    body_file.write_bytes(body)
    lua = workdir / "post.lua"
    lua.write_text(LUA, encoding="utf-8")
    log_path = workdir / "server.log"

    preexec = None
    if args.pin:

        def preexec() -> None:
            os.sched_setaffinity(0, {args.server_cpu})

    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [str(python), "-m", "service"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=preexec,
        )
    try:
        ready = wait_ready(base, server, args.startup_timeout)
        process = psutil.Process(server.pid)
        status, answer = request(base + ENDPOINTS["evaluations"], body)
        if status != 200:
            raise RuntimeError(f"POST /v1/evaluations answered {status}: {answer[:500]!r}")
        outcome = json.loads(answer)["outcome"]
        status, echoed = request(base + ENDPOINTS["echo"], body)
        if status != 200 or json.loads(echoed) != json.loads(body):
            raise RuntimeError(f"POST /_bench/echo answered {status}: {echoed[:500]!r}")
        pinned = f"pinned to CPU {args.server_cpu}" if args.pin else "not pinned"
        print(
            f"server pid {server.pid} on {base} ({pinned}), "
            f"database: {ready.get('database_origin')}; body {len(body)} bytes, "
            f"{len(case.claims)} claims, outcome {outcome}"
        )

        for path in ENDPOINTS.values():
            run_wrk(wrk, base + path, lua, body_file, args, args.warmup, process)
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in ENDPOINTS}
        for round_index in range(args.rounds):
            for name, path in ENDPOINTS.items():
                run = run_wrk(wrk, base + path, lua, body_file, args, args.duration, process)
                runs[name].append(run)
                print(
                    f"  round {round_index + 1} {name:<11} {run['requests_per_second']:>9,.0f} "
                    f"req/s  p50 {run['latency_ms']['p50']:6.2f} ms  "
                    f"p99 {run['latency_ms']['p99']:6.2f} ms  server CPU "
                    f"{run['server_cpu_share']:.0%}, others "
                    f"{run['other_processes_cores']:.2f} cores"
                    + (f"  non-2xx {run['non_2xx']}" if run["non_2xx"] else "")
                )
        rss = process.memory_info().rss
    except (RuntimeError, OSError, ValueError) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        stop(server)
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        print("last lines of the server's log:", *lines[-30:], sep="\n  ", file=sys.stderr)
        return 1
    finally:
        stop(server)

    summary = {name: summarise(items) for name, items in runs.items()}
    echo, evaluations = summary["echo"], summary["evaluations"]
    ratio = evaluations["requests_per_second"] / echo["requests_per_second"]
    clean = all(s["non_2xx"] == 0 and s["socket_errors"] == 0 for s in summary.values())
    ratio_met = ratio >= TARGET_RATIO
    p99_met = evaluations["p99_ms"] <= TARGET_P99_MS

    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration} --latency, loopback, "
        f"median of {args.rounds} round(s)"
    )
    print(
        f"{'endpoint':<24}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'server CPU':>12}"
        f"{'others (cores)':>16}"
    )
    for name, path in ENDPOINTS.items():
        item = summary[name]
        print(
            f"{'POST ' + path:<24}{item['requests_per_second']:>10,.0f}{item['p50_ms']:>10.2f}"
            f"{item['p99_ms']:>10.2f}{item['server_cpu_share']:>12.0%}"
            f"{item['other_processes_cores']:>16.2f}"
        )
    print(
        f"evaluations / echo throughput: {ratio:.1%} (target >= {TARGET_RATIO:.0%}: "
        f"{'met' if ratio_met else 'NOT met'}); evaluations p99 {evaluations['p99_ms']:.2f} ms "
        f"(target <= {TARGET_P99_MS:.0f} ms: {'met' if p99_met else 'NOT met'})"
    )
    if not clean:
        print("WARNING: wrk saw non-2xx responses or socket errors; see the JSON")
    print(f"server RSS at the end: {rss / 1024 / 1024:.1f} MiB")

    # Where a request's server CPU goes: CPU seconds per request from the runs, beside the
    # same work measured in this process (on the server's CPU with --pin).
    if args.pin:
        os.sched_setaffinity(0, {args.server_cpu})
    cost = inprocess_cost(body)
    cpu_us = {
        name: item["server_cpu_share"] / item["requests_per_second"] * 1e6
        for name, item in summary.items()
    }
    decision_us = cost["decode_case_us"] + cost["evaluate_us"] + cost["encode_decision_us"]
    print(
        f"server CPU per request: echo {cpu_us['echo']:.0f} µs, evaluations "
        f"{cpu_us['evaluations']:.0f} µs; in-process for this body: decode "
        f"{cost['decode_case_us']:.0f} µs + evaluate {cost['evaluate_us']:.0f} µs + encode "
        f"{cost['encode_decision_us']:.0f} µs ({cost['response_bytes']:,} bytes) = "
        f"{decision_us:.0f} µs; HTTP + framework around it: "
        f"{cpu_us['evaluations'] - decision_us:.0f} µs"
    )

    args.output.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "http_throughput",
        "measured_at": date.today().isoformat(),
        "machine": machine,
        "source": source,
        "server": "python -m service (uvicorn, 1 worker, uvloop, httptools)",
        "pinned": args.pin,
        "server_cpu": args.server_cpu if args.pin else None,
        "database_origin": ready.get("database_origin"),
        "policy_versions": ready.get("policy_versions"),
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration": args.duration,
            "rounds": args.rounds,
        },
        "body_bytes": len(body),
        "body_claims": len(case.claims),
        "outcome": outcome,
        "summary": summary,
        "runs": runs,
        "evaluations_to_echo_ratio": round(ratio, 4),
        "target_ratio": TARGET_RATIO,
        "target_ratio_met": ratio_met,
        "target_p99_ms": TARGET_P99_MS,
        "target_p99_met": p99_met,
        "all_responses_2xx": clean,
        "server_rss_bytes_at_end": rss,
        "server_cpu_us_per_request": {name: round(value, 1) for name, value in cpu_us.items()},
        "inprocess_cost": cost,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"wrote {shown}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
