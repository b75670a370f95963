"""Instructions per decision, counted by valgrind: a figure this noisy microVM cannot shake.

Wall-clock rounds on the project's shared 2-core VM vary by ±15-30 %; an instruction count is the
same on every run. To compare two versions of the code, run this on each and compare the counts.
It runs the same script twice under `valgrind --tool=callgrind`, once with no decisions and once
with N, and reports (difference) / N, for the engine pipeline and for the plain-Python baseline.

    .venv/bin/python benchmarks/instructions.py            # 300 decisions of the synthetic mix
    .venv/bin/python benchmarks/instructions.py --count 100

Needs valgrind (Debian package `valgrind`); each run takes 10-30 s.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLLECTED = re.compile(r"Collected : (\d+)")

WORKLOAD = """
import sys
sys.path.insert(0, {benchmarks!r})
from pathlib import Path
import baseline, synthetic
from service.decider import Decider
from service.engine.durable_engine import DurableRulesEngine
from service.policy.loader import load_directory
from service.policy.registry import PolicyRegistry

policies, catalogue = load_directory(Path({policies!r}))
registry = PolicyRegistry(policies, catalogue)
decider = Decider(DurableRulesEngine())
for policy in policies:
    decider.prepare(policy)
cases = synthetic.generate_cases({warmup} + {count}, seed=1)
policy = registry.in_force(cases[0].as_of)
parameters = baseline.BaselineParameters.of(policy)
side, count = sys.argv[1], int(sys.argv[2])
decide = (lambda case: decider.decide(case, policy)) if side == "engine" else (
    lambda case: baseline.decide(case, parameters)
)
for case in cases[:{warmup}]:
    decide(case)
for case in cases[{warmup}:{warmup} + count]:
    decide(case)
"""


def instructions(script: Path, side: str, count: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={scratch}/out",
                sys.executable,
                str(script),
                side,
                str(count),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    match = COLLECTED.search(result.stderr)
    if match is None:
        raise RuntimeError(f"valgrind printed no instruction count:\n{result.stderr[-2000:]}")
    return int(match[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="decisions to count")
    arguments = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt-get install -y valgrind")
    warmup = 50
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "workload.py"
        script.write_text(
            WORKLOAD.format(
                benchmarks=str(ROOT / "benchmarks"),
                policies=str(ROOT / "policies"),
                warmup=warmup,
                count=arguments.count,
            )
        )
        per_decision = {}
        for side in ("engine", "baseline"):
            empty = instructions(script, side, 0)
            full = instructions(script, side, arguments.count)
            per_decision[side] = (full - empty) / arguments.count
    print(f"instructions per decision over {arguments.count} synthetic debtors (valgrind):")
    print(f"  engine pipeline (Decider.decide)  {per_decision['engine'] / 1e6:8.3f} M")
    print(f"  plain-Python baseline             {per_decision['baseline'] / 1e6:8.3f} M")
    ratio = per_decision["engine"] / per_decision["baseline"]
    print(f"  engine / baseline                 {ratio:8.2f}x")


if __name__ == "__main__":
    main()
