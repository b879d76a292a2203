"""Tasks across papers: one task node per normalized name with every wording as an alias, the
papers that address it (main task marked), the benchmarks and datasets used for it, and the
broader tasks of the vocabulary that the graph holds too.

Kept apart from kg.tasks (extraction) so that a change here leaves the extraction cache valid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.normalize import name_key
from kg.records import EntityType, Evidence, Extraction, Task
from kg.tasks import phrase_key, task_datasets

_DATA = (EntityType.BENCHMARK, EntityType.DATASET)
TaskStatement = tuple[str, str, bool, Evidence, str]
TaskData = tuple[str, str, str, Evidence, str]


def task_key(name: str) -> str:
    return phrase_key(name)


def resolve_tasks(
    extractions: Iterable[tuple[str, Extraction]], entity_of: dict[str, str]
) -> tuple[tuple[Task, ...], tuple[TaskStatement, ...], tuple[TaskData, ...]]:
    """`extractions` are (paper id, extraction); `entity_of` maps a mention's key to its
    resolved entity key. Returns the task nodes, the paper-task statements and the
    data-task links, each in a fixed order."""
    names: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    slugs: dict[str, str] = {}
    broader_names: dict[str, set[str]] = defaultdict(set)
    statements: list[TaskStatement] = []
    data: dict[tuple[str, str], TaskData] = {}
    for pid, extraction in extractions:
        for task in extraction.tasks:
            key = task_key(task.name)
            names.setdefault(key, task.name)
            aliases[key].update(a for a in (task.text, *task.aliases) if a)
            if task.slug:
                slugs.setdefault(key, task.slug)
            broader_names[key].update(task.broader)
            statements.append((pid, key, task.main, task.sentence, task.rule))
        for link in _data_for_tasks(pid, extraction, entity_of):
            data.setdefault(link[:2], link)
    tasks = tuple(
        Task(
            key=key,
            name=names[key],
            aliases=tuple(sorted(a for a in aliases[key] if a != names[key])),
            slug=slugs.get(key),
            broader=tuple(
                sorted(
                    k for k in (task_key(b) for b in broader_names[key]) if k in names and k != key
                )
            ),
        )
        for key in sorted(names)
    )
    return tasks, tuple(statements), tuple(data[k] for k in sorted(data))


def _data_for_tasks(pid: str, extraction: Extraction, entity_of: dict[str, str]) -> list[TaskData]:
    """A benchmark or dataset of the paper is used for one of its tasks where one sentence
    names both ('X, a benchmark for Y'), or where the vocabulary lists it for that task."""
    found: list[TaskData] = []
    for mention in extraction.mentions:
        if mention.label not in _DATA:
            continue
        entity = entity_of.get(name_key(mention.canonical or mention.text))
        if entity is None:
            continue
        for task in extraction.tasks:
            key = task_key(task.name)
            if task.sentence == mention.sentence:
                found.append((entity, key, pid, mention.sentence, "task-data:sentence"))
            elif {name_key(mention.text), entity} & task_datasets(task.name):
                found.append((entity, key, pid, mention.sentence, "task-data:vocabulary"))
    return found
