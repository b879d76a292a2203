"""Atomic output: every file is written in full to a temporary file beside its target; only
when all of a build's files are complete are they renamed over their targets, one after another.
A build stopped while writing (an exception, Ctrl-C, SIGTERM, SIGKILL, a full disk) leaves every
previous file in place; a reader never sees half a file. On Linux the temporary files have no
name (O_TMPFILE) until that last step, so nothing is left behind even by SIGKILL; elsewhere a
named one (`.kg-*.tmp`) left by SIGKILL is removed by the next build.
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


class _Pending:
    """One output file being written. Where the system allows (Linux, O_TMPFILE) the file has
    no name until the build commits, so even SIGKILL leaves nothing behind; elsewhere it is a
    named temporary file that the next build removes."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.fd: int | None = None
        self.temporary: str | None = None
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.fd = os.open(target.parent, os.O_TMPFILE | os.O_RDWR, 0o666)
            self.path = f"/proc/self/fd/{self.fd}"
            self.stream = open(self.path, "wb")  # noqa: SIM115 (closed in close())
        except (AttributeError, OSError):
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None
            handle, self.temporary = tempfile.mkstemp(
                prefix=f"{_PREFIX}{target.name}.", suffix=_SUFFIX, dir=target.parent
            )
            os.close(handle)
            os.chmod(self.temporary, 0o666 & ~_umask())  # mkstemp makes 0600
            self.path = self.temporary
            self.stream = open(self.path, "wb")  # noqa: SIM115

    def finish(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()

    def commit(self) -> None:
        """Give the file its name: a named temporary first, renamed over the target."""
        if self.temporary is None:
            # Only a name is drawn here, and link() fails rather than replace an existing file,
            # so mktemp's race cannot clobber anything.
            self.temporary = tempfile.mktemp(
                prefix=f"{_PREFIX}{self.target.name}.", suffix=_SUFFIX, dir=self.target.parent
            )
            # linkat(..., AT_SYMLINK_FOLLOW), which CPython uses only when a dir_fd is given:
            # plain link() would link the /proc entry itself.
            folder = os.open(self.target.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                name = os.path.basename(self.temporary)
                os.link(self.path, name, dst_dir_fd=folder, follow_symlinks=True)
            finally:
                os.close(folder)
        os.replace(self.temporary, self.target)
        self.temporary = None

    def close(self) -> None:
        self.stream.close()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.temporary)


def _write_output(out_dir: Path, output: Output, pending: list[_Pending]) -> None:
    started = len(pending)
    for name in output.names:
        pending.append(_Pending(out_dir / name))
    files = pending[started:]
    # Writers get the streams; `name` is a path they may read back (kg.nt for the other formats).
    output.write([f.stream for f in files])
    for file in files:
        file.finish()


def _remove_stale_shards(out_dir: Path, names: set[str]) -> None:
    folder = out_dir / SHARD_FOLDER
    if folder.is_dir():
        for path in folder.iterdir():
            if _SHARD.fullmatch(path.name) and f"{SHARD_FOLDER}/{path.name}" not in names:
                path.unlink()


def write_outputs(out_dir: Path, outputs: Sequence[Output]) -> list[Path]:
    """Write every output to temporary files, then give them all their names; returns the
    written paths in name order."""
    pending: list[_Pending] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir)
        for output in outputs:
            _write_output(out_dir, output, pending)
        for file in pending:
            file.commit()
        _remove_stale_shards(out_dir, {name for output in outputs for name in output.names})
    except OSError as error:
        raise KgError(f"{out_dir}: cannot write outputs ({error.strerror or error})") from error
    finally:
        for file in pending:
            file.close()
    return sorted(file.target for file in pending)


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Files already in memory (a single page from `kg viz`), written the same way."""

    def writer(data: bytes):
        return lambda streams: streams[0].write(data)

    return write_outputs(out_dir, [Output((name,), writer(data)) for name, data in files.items()])
