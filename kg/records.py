"""The plain values passed between stages; frozen so a stage cannot change its input."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    METHOD = "Method"
    BENCHMARK = "Benchmark"
    DATASET = "Dataset"
    MODEL = "Model"
    METRIC = "Metric"


class Role(StrEnum):
    """How a paper relates to an entity; values are the ontology's property names."""

    PROPOSES = "proposes"
    USES_METHOD = "usesMethod"
    EVALUATES_ON = "evaluatesOn"
    USES_DATASET = "usesDataset"
    USES_MODEL = "usesModel"
    USES_METRIC = "usesMetric"


USE_ROLE = {
    EntityType.METHOD: Role.USES_METHOD,
    EntityType.BENCHMARK: Role.EVALUATES_ON,
    EntityType.DATASET: Role.USES_DATASET,
    EntityType.MODEL: Role.USES_MODEL,
    EntityType.METRIC: Role.USES_METRIC,
}


@dataclass(frozen=True)
class Source:
    """Where a paper was read: the file and the 1-based line its title starts on."""

    path: str
    line: int


@dataclass(frozen=True)
class Paper:
    title: str
    abstract: str
    sources: tuple[Source, ...] = ()
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    paper_id: str | None = None

    @property
    def text(self) -> str:
        """Title and abstract as one text; mentions carry offsets into it."""
        return f"{self.title}\n\n{self.abstract}"


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a statement, with character offsets into Paper.text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A name found in one paper, before names are merged across papers."""

    text: str
    label: EntityType
    start: int
    end: int
    sentence: Evidence
    rule: str
    canonical: str | None = None
    alias: str | None = None
    proposed: bool = False
    typed_by_default: bool = False
    # The rule that decided the type where it was not the candidate's own ("list", "score").
    typed_by: str = ""


@dataclass(frozen=True)
class Link:
    """A URL in a paper's text; repositories are GitHub URLs normalized to owner/name."""

    url: str
    is_repo: bool
    evidence: Evidence


@dataclass(frozen=True)
class Result:
    """A numeric claim: a value on a benchmark, with its metric and model when the text gives
    them. `kind` is "score", "delta" (a gain or margin) or "change" (from `baseline` to value).
    Names are the mentions' canonical names until resolution turns them into entity keys."""

    benchmark: str
    value: float
    unit: str
    kind: str
    evidence: Evidence
    baseline: float | None = None
    metric: str | None = None
    model: str | None = None


@dataclass(frozen=True)
class TaskMention:
    """A research problem a paper works on or evaluates on (kg.tasks). `name` is the Papers
    with Code task name where the vocabulary has one (`slug` then names its page), else a name
    coined from the text's wording, which `text` keeps. `main` marks the paper's main problem;
    `broader` is a vocabulary task that this one specializes ("Fisheye Object Detection")."""

    name: str
    text: str
    start: int
    end: int
    sentence: Evidence
    rule: str
    main: bool = False
    slug: str | None = None
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What one paper yields: its mentions, links, results and tasks."""

    paper: Paper
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...]
    results: tuple[Result, ...] = ()
    tasks: tuple[TaskMention, ...] = ()


@dataclass(frozen=True)
class Entity:
    key: str
    name: str
    label: EntityType
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """A task node of the graph: its name, other wordings, its Papers with Code page (slug) and
    the broader tasks of the vocabulary that are in the graph too."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    slug: str | None = None
    broader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A paper-to-entity fact with its evidence."""

    paper: str
    entity: str
    role: Role
    evidence: Evidence
    rule: str


@dataclass(frozen=True)
class Resolved:
    """The whole corpus after resolution: what the graph is built from."""

    papers: tuple[Paper, ...]
    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]
    variants: tuple[tuple[str, str, str, Evidence], ...] = field(default=())
    links: tuple[tuple[str, Link], ...] = field(default=())
    results: tuple[tuple[str, Result], ...] = field(default=())
    tasks: tuple[Task, ...] = field(default=())
    # (paper, task key, main, evidence, rule): a paper addresses a task.
    task_statements: tuple[tuple[str, str, bool, Evidence, str], ...] = field(default=())
    # (entity key, task key, paper, evidence, rule): a benchmark or dataset used for a task.
    task_data: tuple[tuple[str, str, str, Evidence, str], ...] = field(default=())
