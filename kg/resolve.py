"""Mentions across papers to entities: one entity per normalized name, its type by vote, its
aliases from every spelling and long form, the role each paper gives it, and variant links."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg import gazetteer
from kg.latex import mask
from kg.normalize import name_key, paper_key
from kg.records import (
    USE_ROLE,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Paper,
    Resolved,
    Result,
    Role,
    Statement,
)
from kg.senses import mention_key, sense_keys
from kg.task_resolve import resolve_tasks
from kg.variants import acronym_variant, name_variant, text_variants

_TYPE_ORDER = list(EntityType)
_DATA = (EntityType.BENCHMARK, EntityType.DATASET)


_SAYS_BENCHMARK = re.compile(r"(?i)bench|eval|leaderboard|arena|test")


def _voted_label(votes: Counter, name: str) -> EntityType:
    """The type most mentions give; between benchmark and dataset on a tie, dataset, unless the
    name says bench, eval or test (guidelines), and otherwise the order of EntityType."""
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], _TYPE_ORDER.index(kv[0])))
    top = [label for label, count in ranked if count == ranked[0][1]]
    if {EntityType.BENCHMARK, EntityType.DATASET} <= set(top) and not _SAYS_BENCHMARK.search(name):
        return EntityType.DATASET
    return ranked[0][0]


def paper_id(paper: Paper) -> str:
    """arXiv id when known, else a hash of the normalized title: stable across builds."""
    if paper.paper_id:
        return f"arxiv-{paper.paper_id}"
    return "t-" + hashlib.sha1(paper_key(paper.title).encode("utf-8")).hexdigest()[:16]


def resolve(extractions: Iterable[Extraction]) -> Resolved:
    extractions = list(extractions)
    labels: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    senses = sense_keys(extractions)

    def entity_key(index: int, mention: Mention) -> str:
        key = mention_key(mention)
        return senses.get((index, key), key)

    for index, extraction in enumerate(extractions):
        for mention in extraction.mentions:
            key = entity_key(index, mention)
            # A type read from the text outweighs any number of defaults.
            labels[key][mention.label] += 1 if mention.typed_by_default else 100
            surfaces[key][mention.canonical or mention.text] += 1
            if mention.text != (mention.canonical or mention.text):
                aliases[key].add(mention.text)
            if mention.alias:
                aliases[key].add(mention.alias)
    # A name that is another entity's long form belongs to that entity.
    redirect: dict[str, str] = {}
    for key in sorted(aliases):
        for alias in sorted(aliases[key]):
            alias_key = name_key(alias)
            if alias_key != key and alias_key in labels and alias_key not in redirect:
                redirect[alias_key] = key

    def final(key: str) -> str:
        seen = set()
        while key in redirect and key not in seen:
            seen.add(key)
            key = redirect[key]
        return key

    merged_labels: dict[str, Counter] = defaultdict(Counter)
    merged_surfaces: dict[str, Counter] = defaultdict(Counter)
    merged_aliases: dict[str, set[str]] = defaultdict(set)
    for key in labels:
        target = final(key)
        merged_labels[target].update(labels[key])
        merged_surfaces[target].update(surfaces[key])
        merged_aliases[target].update(aliases[key])
    entities: dict[str, Entity] = {}
    for key in sorted(merged_labels):
        entry = gazetteer.lookup(key)
        if entry is not None and name_key(entry.name) == key:
            name, label = entry.name, entry.label
        else:
            name = sorted(merged_surfaces[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            label = _voted_label(merged_labels[key], name)
        names = set(merged_surfaces[key]) | merged_aliases[key]
        entities[key] = Entity(key, name, label, tuple(sorted(n for n in names if n != name)))

    statements: list[Statement] = []
    variants: list[tuple[str, str, str, Evidence]] = []
    links = []
    results: list[tuple[str, Result]] = []
    for index, extraction in enumerate(extractions):
        pid = paper_id(extraction.paper)
        first: dict[str, Mention] = {}
        proposed: set[str] = set()
        surfaces: dict[str, set[str]] = {}
        for mention in extraction.mentions:
            key = final(entity_key(index, mention))
            first.setdefault(key, mention)
            surfaces.setdefault(key, set()).update(filter(None, (mention.text, mention.alias)))
            if mention.proposed:
                proposed.add(key)
        for key, mention in first.items():
            entity = entities[key]
            role = Role.PROPOSES if key in proposed else USE_ROLE[entity.label]
            statements.append(Statement(pid, key, role, mention.sentence, mention.rule))
        variants.extend(_variants(pid, extraction, first, entities, surfaces))
        links.extend((pid, link) for link in extraction.links)
        for result in extraction.results:
            bench = final(
                senses.get((index, name_key(result.benchmark)), name_key(result.benchmark))
            )
            model = final(name_key(result.model)) if result.model else None
            if bench in entities and entities[bench].label in _DATA:
                results.append(
                    (
                        pid,
                        replace(
                            result, benchmark=bench, model=model if model in entities else None
                        ),
                    )
                )
    tasks, task_statements, task_data = resolve_tasks(
        ((paper_id(e.paper), e) for e in extractions), {k: final(k) for k in labels}
    )
    return Resolved(
        papers=tuple(e.paper for e in extractions),
        entities=tuple(entities[k] for k in sorted(entities)),
        statements=tuple(statements),
        variants=tuple(variants),
        links=tuple(links),
        results=tuple(results),
        tasks=tasks,
        task_statements=task_statements,
        task_data=task_data,
    )


def _variants(
    pid: str,
    extraction: Extraction,
    first: dict[str, Mention],
    entities: dict[str, Entity],
    surfaces: dict[str, set[str]],
) -> list[tuple[str, str, str, Evidence]]:
    """variantOf pairs among one paper's methods, from their names or from the text. The text
    is searched for the names this paper writes (an entity's aliases from the whole corpus can
    number hundreds)."""
    methods = {k: entities[k] for k in first if entities[k].label is EntityType.METHOD}
    found: list[tuple[str, str, str, Evidence]] = []

    def add(child: str, parent: str, evidence: Evidence) -> None:
        if child != parent and not any(f[:2] == (child, parent) for f in found):
            found.append((child, parent, pid, evidence))

    in_gazetteer = set()
    for key, entity in methods.items():
        entry = gazetteer.lookup(entity.name)
        if entry is not None and entry.label is EntityType.METHOD:
            in_gazetteer.add(key)
    for child_key, child in sorted(methods.items()):
        parents = []
        for parent_key, parent in sorted(methods.items()):
            entry = gazetteer.lookup(parent.name)
            parent_names = (parent.name, *parent.aliases, *(entry.aliases if entry else ()))
            known = bool(parent.aliases) or parent_key in in_gazetteer
            # DPO's long form contains "Preference Optimization", which makes DPO no variant
            # of a paper's "PO": a known method varies no two-letter name of the paper's own.
            if child_key in in_gazetteer and parent_key not in in_gazetteer and len(parent_key) < 3:
                continue
            if child_key != parent_key and (
                any(
                    name_variant(c, p, known)
                    for c in (child.name, *child.aliases)
                    for p in parent_names
                )
                # Only a coined child: GRPO's long form ends in that of RPO, another method.
                or (
                    child_key not in in_gazetteer
                    and any(acronym_variant(child.name, a, parent.name) for a in child.aliases)
                )
            ):
                parents.append(parent_key)
        # "OPA-DPO": when several parts are methods, the known one (DPO) is the parent;
        # "NL-FL", whose parts are both the paper's own acronyms, varies neither.
        if len(parents) > 1:
            parents = [p for p in parents if p in in_gazetteer]
        for parent_key in parents:
            add(child_key, parent_key, first[child_key].sentence)
    names = {k: (e.name, *sorted(surfaces[k] - {e.name})) for k, e in methods.items()}
    sentences = sorted({m.sentence for m in extraction.mentions}, key=lambda e: e.start)
    own = frozenset(k for k in methods if first[k].proposed)
    # The sentences quote the paper; its rules read them with LaTeX masked, as extraction did.
    masked = [mask(e.sentence) for e in sentences]
    for child_key, parent_key in text_variants(masked, names, own):
        add(child_key, parent_key, first[child_key].sentence)
    return found
