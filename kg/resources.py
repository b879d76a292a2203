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


_TASK_LISTS = (
    "heads",
    "vocabulary_heads",
    "generic_heads",
    "modifiers",
    "not_tasks",
    "title_only",
    "same_problem_heads",
    "title_heads",
    "robot_words",
    "stop_words",
    "modifier_suffixes",
    "followers",
)


@cache
def task_lexicon() -> dict[str, frozenset[str] | dict[str, str]]:
    """ontology/lexicon/tasks.json, the word lists of the task rules (kg.tasks), lower-cased;
    a missing list or a wrong type is one error naming the file."""
    path = ontology_dir() / "lexicon" / "tasks.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ResourceError(f"{path}: cannot read: {error}") from error
    except json.JSONDecodeError as error:
        raise ResourceError(f"{path}:{error.lineno}: {error.msg}") from error
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected an object of word lists")
    lexicon: dict[str, frozenset[str] | dict[str, str]] = {}
    for name in _TASK_LISTS:
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ResourceError(f"{path}: {name!r} must be a list of words")
        lexicon[name] = frozenset(w.lower() for w in words)
    verbs = data.get("verbs")
    if not isinstance(verbs, dict) or not all(isinstance(v, str) for v in verbs.values()):
        raise ResourceError(f"{path}: 'verbs' must map a gerund to a head word")
    lexicon["verbs"] = {k.lower(): v.lower() for k, v in verbs.items()}
    robot = data.get("robot_tasks")
    if not isinstance(robot, dict) or not all(isinstance(v, str) for v in robot.values()):
        raise ResourceError(f"{path}: 'robot_tasks' must map a task word to a task name")
    lexicon["robot_tasks"] = {k.lower(): v for k, v in robot.items()}
    return lexicon


def task_vocabulary_file() -> Path:
    return ontology_dir() / "gazetteers" / "tasks" / "pwc-tasks.jsonl"


@cache
def task_vocabulary() -> tuple[dict, ...]:
    """The task vocabulary (scripts/build_tasks.py): rows of name, aliases, slug, area, broader
    and datasets; a row without a name or with a wrong type is one error naming its line."""
    path = task_vocabulary_file()
    if not path.is_file():
        raise ResourceError(f"missing task vocabulary {path}")
    rows = []
    for number, row in enumerate(read_jsonl(path), 1):
        lists = ("aliases", "broader", "datasets")
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("name"), str)
            or not row["name"].strip()
            or not all(isinstance(row.get(k, []), list) for k in lists)
            or not all(isinstance(v, str) for k in lists for v in row.get(k, []))
        ):
            raise ResourceError(f"{path}:{number}: bad task row (needs a name and string lists)")
        rows.append(row)
    return tuple(rows)
