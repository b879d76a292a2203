"""Regenerate ontology/gazetteers/*.jsonl from the public lists in shared/gazetteer-sources.

Run by a maintainer, not at build time:
    python scripts/build_gazetteers.py ../shared/gazetteer-sources
Only names, aliases and types are taken (facts); no descriptions. lm-evaluation-harness names its
task families in lower case ("mmmu", "medmcqa"); their spelling ("MMMU", "MedMCQA") is the one
the abstracts in ../shared/corpus (beside the sources) use most. Each output row is
{"name", "type", "aliases", "source"}. The hand-written ontology/gazetteers/core.jsonl is not
touched and wins over these files where both list a name.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ontology" / "gazetteers"


def name_like(name: str) -> bool:
    """A coined name rather than a word: an inner capital, a digit, or two capitals."""
    if not name or " " in name or len(name) < 2 or len(name) > 40:
        return False
    inner_caps = sum(c.isupper() for c in name[1:])
    return inner_caps >= 1 or (any(c.isdigit() for c in name) and any(c.isalpha() for c in name))


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def write(name: str, rows: list[dict]) -> None:
    seen: dict[str, dict] = {}
    for row in rows:
        key = _key(row["name"])
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


# Task families that are not benchmark names in an abstract: a model (llama3), a word (score),
# an agency (fda), a school test (pisa), a corpus (wikitext, a dataset by the guidelines) and an
# acronym papers mostly spell out otherwise (fld, "Fisher Linear Discriminant").
_LM_EVAL_SKIPPED = {"llama3", "score", "fda", "pisa", "wikitext", "fld"}


def lm_eval(src: Path, corpus: Path) -> list[dict]:
    """Task families of lm-evaluation-harness, spelled as abstracts spell them. A family no
    abstract names twice in a coined spelling is left out: a plain word ("drop", "mutual",
    "Pile") is no evidence of the benchmark."""
    families = {}
    for line in (src / "lm-evaluation-harness" / "task-families.jsonl").open(encoding="utf-8"):
        family = json.loads(line)["task_family"].split("/")[-1]
        if len(_key(family)) >= 3 and _key(family) not in _LM_EVAL_SKIPPED:
            families[_key(family)] = family
    spellings: dict[str, Counter[str]] = {key: Counter() for key in families}
    word = re.compile(r"[A-Za-z][\w.-]*\w")
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                paper = json.loads(line)
                for match in word.finditer(f"{paper['title']} {paper['abstract']}"):
                    counts = spellings.get(_key(match.group(0)))
                    if counts is not None:
                        counts[match.group(0)] += 1
    rows = []
    for key in sorted(spellings):
        forms = sorted(
            (form for form, n in spellings[key].items() if n >= 2 and name_like(form)),
            key=lambda form: (-spellings[key][form], form),
        )
        if forms:
            rows.append(
                {
                    "name": forms[0],
                    "type": "Benchmark",
                    "aliases": forms[1:],
                    "source": "lm-evaluation-harness",
                }
            )
    return rows


def main(src: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write("pwc-methods", pwc_methods(src))
    write("opencompass", opencompass(src))
    write("alpaca-eval", alpaca_eval(src))
    write("awesome-dpo", awesome_dpo(src))
    write("preference-datasets", preference_datasets(src))
    write("llmdatahub", llmdatahub(src))
    write("lm-evaluation-harness", lm_eval(src, src.parent / "corpus"))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/gazetteer-sources"))
