"""Atomic output: every file is written to a temporary file in the output folder and renamed
over the target only when all of them are ready, so an interrupted build leaves the previous
outputs as they were."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kg.errors import KgError


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file or none; returns the written paths in name order."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KgError(
            f"{out_dir}: cannot create output folder ({error.strerror or error})"
        ) from error
    temporary: list[tuple[Path, Path]] = []
    try:
        for name in sorted(files):
            handle, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            temporary.append((Path(tmp), out_dir / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(files[name])
                stream.flush()
                os.fsync(stream.fileno())
        for tmp, target in temporary:
            os.replace(tmp, target)
    except OSError as error:
        raise KgError(f"{out_dir}: cannot write outputs ({error.strerror or error})") from error
    finally:
        for tmp, _target in temporary:
            if tmp.exists():
                tmp.unlink()
    return [target for _tmp, target in temporary]
