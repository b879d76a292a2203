"""Regenerate ontology/gazetteers/tasks/pwc-tasks.jsonl, the task vocabulary, from the Papers with
Code task lists in shared/gazetteer-sources/pwc-tasks.

Run by a maintainer, not at build time:
    python scripts/build_tasks.py ../shared/gazetteer-sources

Only facts are taken: task names, their acronyms, the research area, the parent tasks of the
task hierarchy and the names of the datasets and benchmarks each task lists (no descriptions).
The lists are user-edited and noisy, so a name is kept only if it looks like a task name: a
capitalized phrase of one to seven words, no question, URL, code or split suffix, and not a
dataset-specific variant ("Speech Synthesis - Telugu", "... task 2 (17 classes)"). Each row is
{"name", "aliases", "slug", "area", "broader", "datasets"}.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ontology" / "gazetteers" / "tasks"
# The area of each detailed list; all_tasks_detailed.csv has its own Category column.
AREAS = {
    "cv_tasks_detailed.csv": "Computer Vision",
    "nlp_tasks_detailed.csv": "Natural Language Processing",
    "audio_tasks_detailed.csv": "Audio",
    "other_tasks_detailed.csv": "Other",
}
_ACRONYM = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<short>[A-Z][A-Za-z0-9-]{1,9})\)$")
_BAD = re.compile(
    r"[?@#<>{}\[\]=;|\\]|https?:|www\.|\b(?:select|union|insert|drop)\b|\s-\s|\btask\s*\d"
    r"|\d+\s*classes|\b(?:dataset|benchmark|challenge|competition|leaderboard)s?\b",
    re.IGNORECASE,
)
# Listed datasets that are splits or settings, not names: "COCO test-dev", "VQA v2 val".
_SPLIT = re.compile(r"\s+(?:val|test|dev|train|test-dev|test-std|test-standard|validation)\S*$")
MAX_DATASETS = 10


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _head(name: str) -> str:
    return name.split()[-1].lower()


def slug(name: str) -> str:
    """The task's page on paperswithcode.com: lower case, words joined by hyphens."""
    return re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")


def clean_name(raw: str) -> tuple[str, list[str]] | None:
    """The task name and its acronym, or None for junk and dataset-specific variants."""
    name = " ".join(raw.strip().strip('"').split())
    aliases: list[str] = []
    acronym = _ACRONYM.match(name)
    if acronym:
        name, aliases = acronym.group("name").strip(), [acronym.group("short")]
    words = name.split()
    if (
        not 1 <= len(words) <= 7
        or len(name) < 3
        or len(name) > 70
        or "(" in name
        or ")" in name
        or _BAD.search(name)
        or not (name[0].isupper() or name[0].isdigit())
        or sum(c.isalpha() for c in name) < 3
        or not name.isascii()
    ):
        return None
    if any(re.fullmatch(r"[a-z]{2,3}-[a-z]{2,3}", w) for w in words):
        return None  # "Translation arz-spa": one language pair of a task
    if len(words) == 1 and not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Za-z]+)?", name):
        return None  # "SSTOD", "16k": single words must be plain words
    return name, aliases


def clean_dataset(raw: str) -> str | None:
    name = _SPLIT.sub("", " ".join(raw.strip().split()))
    if not 2 <= len(name) <= 40 or _BAD.search(name.replace("benchmark", "")) or not name.isascii():
        return None
    if not re.search(r"[A-Za-z]", name) or "," in name or name.upper() == "N/A":
        return None
    return name


def read_rows(src: Path) -> dict[str, dict]:
    folder = src / "pwc-tasks"
    rows: dict[str, dict] = {}

    def add(raw: str, area: str = "", datasets: tuple[str, ...] = ()) -> None:
        cleaned = clean_name(raw)
        if cleaned is None:
            return
        name, aliases = cleaned
        row = rows.setdefault(
            _key(name),
            {
                "name": name,
                "aliases": [],
                "slug": slug(name),
                "area": area,
                "broader": [],
                "datasets": [],
            },
        )
        if name.startswith("Robot "):
            aliases = [*aliases, "Robotic " + name[len("Robot ") :]]  # "robotic manipulation"
        row["aliases"] = sorted(set(row["aliases"]) | set(aliases))
        row["area"] = row["area"] or area
        for dataset in filter(None, map(clean_dataset, datasets)):
            if dataset not in row["datasets"] and len(row["datasets"]) < MAX_DATASETS:
                row["datasets"].append(dataset)

    for line in (folder / "all_tasks.txt").read_text(encoding="utf-8").splitlines():
        add(line)
    for file, area in AREAS.items():
        with (folder / file).open(encoding="utf-8", newline="") as handle:
            for item in csv.DictReader(handle):
                listed = (item.get("Benchmarks") or "").split(";")
                listed += (item.get("Common Datasets (Top 10)") or "").split(";")
                add(item["Task Name"], area, tuple(listed))
    with (folder / "task_hierarchy.csv").open(encoding="utf-8", newline="") as handle:
        for item in csv.DictReader(handle):
            parent = clean_name(item["Parent Task"])
            if parent is None or _key(parent[0]) not in rows:
                continue
            for child in (item.get("Child Tasks") or "").split(";"):
                cleaned = clean_name(child.strip().rstrip("."))
                # The lists are noisy ("2D Classification" over "Object Detection"): a parent
                # is kept only where it shares the child's head word.
                if (
                    cleaned
                    and _key(cleaned[0]) in rows
                    and _key(cleaned[0]) != _key(parent[0])
                    and _head(cleaned[0]) == _head(parent[0])
                ):
                    broader = rows[_key(cleaned[0])]["broader"]
                    if parent[0] not in broader:
                        broader.append(parent[0])
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    rows = read_rows(Path(argv[1]))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "pwc-tasks.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for key in sorted(rows):
            row = rows[key]
            row["broader"] = sorted(row["broader"])
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{path.name}: {len(rows)} tasks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
