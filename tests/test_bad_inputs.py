"""Every file in tests/data/bad gives the message EXPECTED.tsv lists, or is read correctly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "data" / "bad"
CASES = [
    tuple(line.split("\t", 1))
    for line in (BAD / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def build(target: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """In the test's own directory, so no cache left in the checkout answers for the build."""
    return subprocess.run(
        [sys.executable, "-m", "kg", "build", str(target), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=out.parent,
    )


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(name: str, expected: str, tmp_path: Path) -> None:
    result = build(BAD / name, tmp_path / "out")
    if expected.startswith("ok "):
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{expected.split()[1]} papers;")
        return
    assert result.returncode == 1
    # "1: msg" names a line: "Error: FILE:1: msg"; otherwise "Error: FILE: msg".
    where = f"{BAD / name}:" if expected[0].isdigit() else f"{BAD / name}: "
    assert result.stderr.strip() == f"Error: {where}{expected}"
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    folder.mkdir()
    os.symlink(folder, folder / "again")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    result = build(folder, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and str(folder) in result.stderr
    result = build(tmp_path / "self.txt", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(tmp_path / "self.txt") in result.stderr
    assert not (tmp_path / "out").exists()
