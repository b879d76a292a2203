"""Regenerate ontology/gazetteers/*.jsonl from the public lists in shared/gazetteer-sources.

Run by a maintainer, not at build time:
    python scripts/build_gazetteers.py ../shared/gazetteer-sources
Only names, aliases and types are taken (facts); no descriptions. Each output row is
{"name", "type", "aliases", "source"}. The hand-written ontology/gazetteers/core.jsonl is not
touched and wins over these files where both list a name.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ontology" / "gazetteers"


def name_like(name: str) -> bool:
    """A coined name rather than a word: an inner capital, a digit, or two capitals."""
    if not name or " " in name or len(name) < 2 or len(name) > 40:
        return False
    inner_caps = sum(c.isupper() for c in name[1:])
    return inner_caps >= 1 or (any(c.isdigit() for c in name) and any(c.isalpha() for c in name))


def write(name: str, rows: list[dict]) -> None:
    seen: dict[str, dict] = {}
    for row in rows:
        key = re.sub(r"[^0-9a-z]", "", row["name"].lower())
        if key and key not in seen:
            row["aliases"] = sorted({a for a in row.get("aliases", []) if a and a != row["name"]})
            seen[key] = row
    path = OUT / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for key in sorted(seen):
            handle.write(json.dumps(seen[key], ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{path.name}: {len(seen)} entries")


def pwc_methods(src: Path) -> list[dict]:
    rows = []
    for line in (src / "pwc-methods" / "methods-names.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        name, full = item["name"].strip(), (item.get("full_name") or "").strip()
        if not name_like(name):
            continue
        aliases = [full] if full and full != name and len(full.split()) >= 2 else []
        rows.append({"name": name, "type": "Method", "aliases": aliases, "source": "pwc-methods"})
    return rows


def opencompass(src: Path) -> list[dict]:
    rows = []
    for line in (src / "opencompass" / "benchmarks.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        name = item["name"].strip()
        if len(name) >= 3 and any(c.isupper() for c in name):
            rows.append({"name": name, "type": "Benchmark", "aliases": [], "source": "opencompass"})
    return rows


def alpaca_eval(src: Path) -> list[dict]:
    rows = []
    for line in (src / "alpaca-eval" / "model-configs.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        name = (item.get("pretty_name") or item["key"]).strip()
        if name_like(name):
            rows.append({"name": name, "type": "Model", "aliases": [], "source": "alpaca-eval"})
    for board in sorted((src / "alpaca-eval").glob("*.csv")):
        with board.open(encoding="utf-8") as handle:
            for record in csv.reader(handle):
                if record and name_like(record[0]):
                    rows.append(
                        {"name": record[0], "type": "Model", "aliases": [], "source": "alpaca-eval"}
                    )
    return rows


def awesome_dpo(src: Path) -> list[dict]:
    rows = []
    for line in (src / "awesome-dpo" / "papers.jsonl").open(encoding="utf-8"):
        head = (json.loads(line).get("title_head") or "").strip()
        if name_like(head) and re.fullmatch(r"[A-Za-z0-9\-]+", head):
            rows.append({"name": head, "type": "Method", "aliases": [], "source": "awesome-dpo"})
    return rows


def preference_datasets(src: Path) -> list[dict]:
    rows = []
    for line in (src / "preference-datasets" / "preference-datasets.jsonl").open(encoding="utf-8"):
        name = json.loads(line)["name"].strip()
        if "/" in name:
            continue
        match = re.fullmatch(r"(.+?) \((.+)\)", name)
        aliases = []
        if match:
            name, inside = match.group(1), match.group(2)
            if inside != "binarized":
                aliases.append(inside)
        rows.append(
            {"name": name, "type": "Dataset", "aliases": aliases, "source": "preference-datasets"}
        )
    return rows


def llmdatahub(src: Path) -> list[dict]:
    rows = []
    for line in (src / "llmdatahub" / "datasets.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        name = (item.get("dataset_name") or item.get("name") or "").strip()
        if name_like(name) and "_" not in name:
            rows.append({"name": name, "type": "Dataset", "aliases": [], "source": "llmdatahub"})
    return rows


def main(src: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write("pwc-methods", pwc_methods(src))
    write("opencompass", opencompass(src))
    write("alpaca-eval", alpaca_eval(src))
    write("awesome-dpo", awesome_dpo(src))
    write("preference-datasets", preference_datasets(src))
    write("llmdatahub", llmdatahub(src))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/gazetteer-sources"))
