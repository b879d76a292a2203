"""A build killed at a random moment (SIGINT, SIGTERM or SIGKILL) never leaves a partial
output: every file is the previous one or the finished new one."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import resources
from kg.errors import KgError
from kg.pipeline import OUTPUTS, build

RUNS = int(os.environ.get("KG_KILL_RUNS", "20"))


def _unnamed_files_work(folder: Path) -> bool:
    try:
        os.close(os.open(folder, os.O_TMPFILE | os.O_RDWR, 0o600))
    except (AttributeError, OSError):
        return False
    return True


def test_killed_builds_leave_whole_files(tmp_path: Path, data: Path) -> None:
    old_dir, new_dir, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    build([data / "small.jsonl"], old_dir)
    build(resources.sample_pages(), new_dir)
    old = {n: (old_dir / n).read_bytes() for n in OUTPUTS}
    new = {n: (new_dir / n).read_bytes() for n in OUTPUTS}
    anonymous = _unnamed_files_work(tmp_path)
    seed = int(os.environ.get("KG_KILL_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
    for run in range(RUNS):
        build([data / "small.jsonl"], out)  # the previous outputs
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", "--out", str(out), "--quiet", "--no-cache"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        chosen = signals[run % 3]
        time.sleep(rng.uniform(0.5, 4.5))
        process.send_signal(chosen)
        _, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr, (seed, run, stderr)
        found = {name: (out / name).read_bytes() for name in OUTPUTS}
        # The files are swapped as a set: all of the previous build or all of the new one.
        assert found in (old, new), f"seed {seed} run {run}: outputs mixed or partial"
        leftovers = list(out.glob(".kg-*"))
        # With unnamed temporary files (Linux) even SIGKILL leaves nothing behind.
        if chosen != signal.SIGKILL or anonymous:
            assert leftovers == [], f"seed {seed} run {run} ({chosen.name}): {leftovers}"
    build([data / "small.jsonl"], out)
    assert list(out.glob(".kg-*")) == []  # a later build removes what SIGKILL left


def test_a_full_disk_keeps_the_previous_outputs(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build([data / "small.jsonl"], tmp_path)
    before = {n: (tmp_path / n).read_bytes() for n in OUTPUTS}
    calls = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 4:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kg.write.os.fsync", full)
    with pytest.raises(KgError, match="cannot write outputs \\(No space left on device\\)"):
        build(resources.sample_pages(), tmp_path)
    assert {n: (tmp_path / n).read_bytes() for n in OUTPUTS} == before
    assert list(tmp_path.glob(".kg-*")) == []
