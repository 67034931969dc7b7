"""Run every benchmark in turn; each prints one JSON line per figure, beside its comparison.

    .venv/bin/python bench/run.py              # all of them
    .venv/bin/python bench/run.py oai_provider # only the named ones

Each benchmark is its own script in this directory, so it can also be run alone with its
own options (``--help``). A benchmark that fails prints a JSON line saying so and the run
goes on; the exit status is non-zero when any failed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    "oai_provider",
    "oai_harvest",
    "iiif_tiles",
    "tour_plan",
    "search_relevance",
    "search_scale",
]


def main(names: list[str]) -> int:
    unknown = set(names) - set(BENCHES)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {BENCHES}")
        return 2
    failed = 0
    for name in names or BENCHES:
        started = time.monotonic()
        done = subprocess.run([sys.executable, str(HERE / f"{name}.py")], check=False)
        if done.returncode != 0:
            failed += 1
            print(json.dumps({"bench": name, "failed": True, "exit": done.returncode}), flush=True)
        print(
            json.dumps({"bench": name, "wall_seconds": round(time.monotonic() - started, 1)}),
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
