"""Precision, recall and F1 of an exported graph against hand-annotated papers, in the JSON Lines
format of the gold files (one paper a line: title, methods, benchmarks, datasets, models,
metrics, proposes, variant_of, repos, links, and optionally tasks, scored apart). Names match
after normalization against every alias; entities marked "optional" neither count as misses nor
make a match spurious."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.errors import InputError
from kg.normalize import name_key, paper_key
from kg.rdf import KG
from kg.urls import repository
from kg.validate import load_export

TYPES = ("method", "benchmark", "dataset", "model", "metric")
_CLASS = {
    "method": KG.Method,
    "benchmark": KG.Benchmark,
    "dataset": KG.Dataset,
    "model": KG.Model,
    "metric": KG.Metric,
    "task": KG.Task,
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class GoldItem:
    name: str
    keys: frozenset[str]
    optional: bool = False


def read_gold(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputError(path, "no such gold file")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"invalid JSON ({error.msg})", number) from error
        if not isinstance(row, dict) or not isinstance(row.get("title"), str):
            raise InputError(path, "record has no 'title'", number)
        rows.append(row)
    if not rows:
        raise InputError(path, "no annotated papers")
    return rows


def _match(
    gold: list[GoldItem], predicted: dict[str, frozenset[str]], score: Score, title: str
) -> None:
    """Greedy one-to-one matching on shared keys, required gold items first."""
    free = dict(predicted)
    for item in sorted(gold, key=lambda g: g.optional):
        hit = next((n for n, keys in free.items() if keys & item.keys), None)
        if hit is not None:
            del free[hit]
            score.tp += not item.optional
        elif not item.optional:
            score.fn += 1
            score.errors.append(f"{title[:60]} | missed {item.name}")
    score.fp += len(free)
    score.errors.extend(f"{title[:60]} | spurious {n}" for n in sorted(free))


class _Export:
    """The parts of an export that evaluation reads."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.papers = {
            paper_key(str(graph.value(p, DCTERMS.title))): p
            for p in graph.subjects(RDF.type, KG.Paper)
        }
        self.kind: dict[URIRef, str] = {}
        for kind in ("task", "dataset", "benchmark", "method", "model", "metric"):  # benchmark wins
            for entity in graph.subjects(RDF.type, _CLASS[kind]):
                self.kind[entity] = kind

    def name(self, entity: URIRef) -> str:
        return str(self.graph.value(entity, SKOS.prefLabel) or entity)

    def keys(self, entity: URIRef) -> frozenset[str]:
        names = [self.name(entity), *map(str, self.graph.objects(entity, SKOS.altLabel))]
        return frozenset(name_key(n) for n in names)

    def entities(self, paper: URIRef, proposed_only: bool = False) -> set[URIRef]:
        if proposed_only:
            return set(self.graph.objects(paper, KG.proposes))
        return {o for o in self.graph.objects(paper) if o in self.kind}


def evaluate(gold_path: Path, graph_path: Path) -> dict[str, Score]:
    gold = read_gold(gold_path)
    export = _Export(load_export(graph_path))
    scores: dict[str, Score] = defaultdict(Score)
    for row in gold:
        title = row["title"]
        paper = export.papers.get(paper_key(title))
        if paper is None:
            scores["papers"].fn += 1
            scores["papers"].errors.append(f"{title[:60]} | paper not in the graph")
        else:
            scores["papers"].tp += 1
        found = export.entities(paper) if paper is not None else set()
        items: dict[str, list[GoldItem]] = {}
        for kind in TYPES:
            items[kind] = [
                GoldItem(
                    e["name"],
                    frozenset({name_key(e["name"])} | {name_key(a) for a in e.get("aliases", [])}),
                    bool(e.get("optional")),
                )
                for e in row.get(kind + "s", [])
            ]
            predicted = {export.name(e): export.keys(e) for e in found if export.kind[e] == kind}
            _match(items[kind], predicted, scores[kind], title)
        data_gold = items["benchmark"] + items["dataset"]
        data_pred = {
            export.name(e): export.keys(e)
            for e in found
            if export.kind[e] in ("benchmark", "dataset")
        }
        _match(data_gold, data_pred, scores["data (benchmark+dataset)"], title)
        every = [i for kind in TYPES for i in items[kind]]
        by_name = {name_key(i.name): i for i in every}
        proposed = [
            by_name.get(name_key(n), GoldItem(n, frozenset({name_key(n)})))
            for n in row.get("proposes", [])
        ]
        pred = {
            export.name(e): export.keys(e)
            for e in (export.entities(paper, True) if paper is not None else set())
        }
        _match(proposed, pred, scores["proposes"], title)
        _variants(row, export, found, by_name, scores["variant_of"], title)
        if "tasks" in row:  # scored apart from the entities, where the gold file has tasks
            tasks = [
                GoldItem(
                    t["name"],
                    frozenset({name_key(t["name"])} | {name_key(a) for a in t.get("aliases", [])}),
                    bool(t.get("optional")),
                )
                for t in row["tasks"]
            ]
            predicted = {export.name(e): export.keys(e) for e in found if export.kind[e] == "task"}
            _match(tasks, predicted, scores["task"], title)
        _urls(row, export, paper, scores, title)
    total = Score()
    for kind in ("method", "model", "metric", "data (benchmark+dataset)"):
        s = scores[kind]
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    scores["all entities"] = total
    return dict(scores)


def _variants(
    row: dict,
    export: _Export,
    found: set[URIRef],
    by_name: dict[str, GoldItem],
    score: Score,
    title: str,
) -> None:
    def keys(name: str) -> frozenset[str]:
        item = by_name.get(name_key(name))
        return item.keys if item else frozenset({name_key(name)})

    predicted = [(a, b) for a in found for b in export.graph.objects(a, KG.variantOf) if b in found]
    free = list(predicted)
    for child, parent in row.get("variant_of", []):
        hit = next(
            (
                p
                for p in free
                if export.keys(p[0]) & keys(child) and export.keys(p[1]) & keys(parent)
            ),
            None,
        )
        if hit is None:
            score.fn += 1
            score.errors.append(f"{title[:60]} | missed {child} -> {parent}")
        else:
            free.remove(hit)
            score.tp += 1
    score.fp += len(free)
    score.errors.extend(
        f"{title[:60]} | spurious {export.name(a)} -> {export.name(b)}" for a, b in free
    )


def _urls(
    row: dict, export: _Export, paper: URIRef | None, scores: dict[str, Score], title: str
) -> None:
    repos_found = (
        set()
        if paper is None
        else {str(o).lower() for o in export.graph.objects(paper, KG.hasRepository)}
    )
    links_found = (
        set()
        if paper is None
        else {str(o).rstrip("/").lower() for o in export.graph.objects(paper, KG.link)}
    )
    for kind, gold, found in (
        ("repos", {(repository(u) or u).lower() for u in row.get("repos", [])}, repos_found),
        ("links", {u.rstrip("/").lower() for u in row.get("links", [])}, links_found),
    ):
        score = scores[kind]
        score.tp += len(gold & found)
        score.fp += len(found - gold)
        score.fn += len(gold - found)
        score.errors.extend(f"{title[:60]} | missed {u}" for u in sorted(gold - found))
        score.errors.extend(f"{title[:60]} | spurious {u}" for u in sorted(found - gold))


def report(scores: dict[str, Score], errors: int = 0) -> str:
    order = [
        "papers",
        *TYPES,
        "data (benchmark+dataset)",
        "all entities",
        "proposes",
        "variant_of",
        "task",
        "repos",
        "links",
    ]
    lines = [f"{'':28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name in order:
        s = scores.get(name, Score())
        lines.append(
            f"{name:28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5} {s.fp:5} {s.fn:5}"
        )
    if errors:
        for name in order:
            listed = scores.get(name, Score()).errors[:errors]
            if listed:
                lines.append(f"\n# {name}")
                lines.extend("  " + e for e in listed)
    return "\n".join(lines) + "\n"
