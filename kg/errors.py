"""Errors that reach the user as one line; anything else is a bug and may show a traceback."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """An error the CLI reports as a single line with a non-zero exit."""


class InputError(KgError):
    """An input file that cannot be read as paper listings."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class ResourceError(KgError):
    """A bundled resource (gazetteer, ontology, query) is missing or malformed."""
