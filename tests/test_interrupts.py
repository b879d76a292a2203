"""A build killed at a random moment (SIGINT, SIGTERM or SIGKILL) never leaves a partial
output: every file is the previous one or the finished new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg import resources
from kg.pipeline import OUTPUTS, build

RUNS = int(os.environ.get("KG_KILL_RUNS", "20"))


def test_killed_builds_leave_whole_files(tmp_path: Path, data: Path) -> None:
    old_dir, new_dir, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    build([data / "small.jsonl"], old_dir)
    build(resources.sample_pages(), new_dir)
    old = {n: (old_dir / n).read_bytes() for n in OUTPUTS}
    new = {n: (new_dir / n).read_bytes() for n in OUTPUTS}
    seed = int(os.environ.get("KG_KILL_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
    for run in range(RUNS):
        build([data / "small.jsonl"], out)  # the previous outputs
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", "--out", str(out), "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        chosen = signals[run % 3]
        time.sleep(rng.uniform(0.5, 4.5))
        process.send_signal(chosen)
        _, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr, (seed, run, stderr)
        for name in OUTPUTS:
            content = (out / name).read_bytes()
            assert content in (old[name], new[name]), f"seed {seed} run {run}: {name} partial"
        leftovers = list(out.glob(".kg-*"))
        if chosen != signal.SIGKILL:
            assert leftovers == [], f"seed {seed} run {run}: {leftovers}"
    build([data / "small.jsonl"], out)
    assert list(out.glob(".kg-*")) == []  # a later build removes what SIGKILL left
