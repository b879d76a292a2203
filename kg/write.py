"""Atomic output: every file is written in full to a temporary name beside its target; only when
all of a build's files are complete are they renamed over their targets, one after another. A
build stopped while writing (an exception, Ctrl-C, SIGTERM, a full disk) leaves every previous
file in place; a reader never sees half a file. Temporary files are removed on any exit Python
sees; one left by SIGKILL (`.kg-*.tmp`) is removed by the next build.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from kg.errors import KgError
from kg.export import SHARD_FOLDER, Output

_PREFIX = ".kg-"
_SUFFIX = ".tmp"
_SHARD = re.compile(r"part-\d{5}-of-\d{5}\.nt")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files a killed build may have left."""
    for folder in (out_dir, out_dir / SHARD_FOLDER):
        for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                path.unlink()


def _temporary(target: Path) -> tuple[int, str]:
    target.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f"{_PREFIX}{target.name}.", suffix=_SUFFIX, dir=target.parent)


def _write_output(out_dir: Path, output: Output, pending: list[tuple[str, Path]]) -> None:
    opened = []
    try:
        for name in output.names:
            handle, path = _temporary(out_dir / name)
            os.close(handle)
            pending.append((path, out_dir / name))
            opened.append(open(path, "wb"))  # noqa: SIM115 (closed below; writers read `name`)
        output.write(opened)
        for stream in opened:
            stream.flush()
            os.fsync(stream.fileno())
    finally:
        for stream in opened:
            stream.close()


def _remove_stale_shards(out_dir: Path, names: set[str]) -> None:
    folder = out_dir / SHARD_FOLDER
    if folder.is_dir():
        for path in folder.iterdir():
            if _SHARD.fullmatch(path.name) and f"{SHARD_FOLDER}/{path.name}" not in names:
                path.unlink()


def write_outputs(out_dir: Path, outputs: Sequence[Output]) -> list[Path]:
    """Write every output to temporary files, then rename them all into place; returns the
    written paths in name order."""
    mode = 0o666 & ~_umask()
    pending: list[tuple[str, Path]] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir)
        for output in outputs:
            _write_output(out_dir, output, pending)
        for temporary, _target in pending:
            os.chmod(temporary, mode)  # mkstemp makes 0600; outputs get the usual permissions
        for temporary, target in pending:
            os.replace(temporary, target)
        _remove_stale_shards(out_dir, {name for output in outputs for name in output.names})
    except OSError as error:
        raise KgError(f"{out_dir}: cannot write outputs ({error.strerror or error})") from error
    finally:
        for temporary, _target in pending:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return sorted(target for _temporary, target in pending)


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Files already in memory (a single page from `kg viz`), written the same way."""

    def writer(data: bytes):
        return lambda streams: streams[0].write(data)

    return write_outputs(out_dir, [Output((name,), writer(data)) for name, data in files.items()])
