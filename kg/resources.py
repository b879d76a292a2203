"""The one module that knows where bundled data lives, installed or in a source checkout.

A wheel carries `ontology/` and `samples/` inside the package (hatch force-include); an editable
install or a checkout has them beside the package. Both are looked up here and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kg.errors import ResourceError

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"bundled folder {name!r} not found next to {_PACKAGE}")


def ontology_dir() -> Path:
    return _find("ontology")


def samples_dir() -> Path:
    return _find("samples")


def sample_pages() -> list[Path]:
    return sorted(samples_dir().glob("*.txt"))


def display_path(path: str) -> str:
    """Bundled sample pages are named 'samples/NAME' so outputs do not depend on the install."""
    resolved = Path(path).resolve()
    try:
        return "samples/" + str(resolved.relative_to(samples_dir().resolve()))
    except ValueError:
        return path


def ontology_file() -> Path:
    return ontology_dir() / "kg.ttl"


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def read_jsonl(path: Path) -> Iterator[dict]:
    """Rows of a bundled JSON Lines file; a malformed row is a resource error, not a crash."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise ResourceError(f"{path}:{number}: {error.msg}") from error


@cache
def gazetteer_files() -> tuple[Path, ...]:
    return tuple(sorted((ontology_dir() / "gazetteers").glob("*.jsonl")))


@cache
def word_list(name: str) -> frozenset[str]:
    """A bundled list of words, one per line, `#` comments allowed (ontology/lexicon/NAME.txt)."""
    path = ontology_dir() / "lexicon" / f"{name}.txt"
    if not path.is_file():
        raise ResourceError(f"missing word list {path}")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


@cache
def type_cues() -> dict[str, list[str] | dict[str, str] | str]:
    """ontology/lexicon/type_cues.json: cue words per entity type and the `_`-prefixed head word
    lists; read in one place so that a broken file is one error naming it, not a traceback."""
    path = ontology_dir() / "lexicon" / "type_cues.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ResourceError(f"{path}: cannot read: {error}") from error
    except json.JSONDecodeError as error:
        raise ResourceError(f"{path}:{error.lineno}: {error.msg}") from error

    def words(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(v, str) for v in value.values())
        return isinstance(value, list) and all(isinstance(w, str) for w in value)

    if not isinstance(data, dict) or not all(words(v) for k, v in data.items() if k != "_comment"):
        raise ResourceError(f"{path}: expected an object of word lists")
    return data


def component_heads() -> frozenset[str]:
    """Head words of a long form that names a part of a method ('... Attention Module')."""
    return frozenset(type_cues()["_component_heads"])
