"""Atomic output: every file is written in full to a temporary name in the output folder, then
renamed over its target, so a reader never sees half a file and an interrupted build leaves the
previous file in place. The temporary file is removed on any exit Python sees (an exception,
Ctrl-C, SIGTERM through the CLI); one left by SIGKILL (`.kg-*.tmp`) is removed by the next build.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kg.errors import KgError

_PREFIX = ".kg-"
_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_one(out_dir: Path, name: str, data: bytes, mode: int) -> None:
    handle, path = tempfile.mkstemp(prefix=f"{_PREFIX}{name}.", suffix=_SUFFIX, dir=out_dir)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(path, mode)  # mkstemp makes 0600; outputs get the usual permissions
        os.replace(path, out_dir / name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files a killed build may have left."""
    for path in out_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            path.unlink()


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each file atomically; returns the written paths in name order."""
    mode = 0o666 & ~_umask()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir)
        for name in sorted(files):
            _write_one(out_dir, name, files[name], mode)
    except OSError as error:
        raise KgError(f"{out_dir}: cannot write outputs ({error.strerror or error})") from error
    return [out_dir / name for name in sorted(files)]
