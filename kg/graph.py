"""The resolved corpus as a NetworkX MultiDiGraph: typed nodes, edges keyed by role with their
evidence. Node ids are stable strings: 'paper:<id>', 'entity:<key>', or the URL for links."""

from __future__ import annotations

import networkx as nx

from kg.records import Resolved
from kg.resolve import paper_id
from kg.resources import display_path


def build_graph(resolved: Resolved) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for paper in resolved.papers:
        graph.add_node(
            f"paper:{paper_id(paper)}",
            type="Paper",
            label=paper.title,
            title=paper.title,
            abstract=paper.abstract,
            date=paper.date or "",
            arxiv_id=paper.paper_id or "",
            url=paper.url or "",
            sources="\t".join(f"{display_path(s.path)}:{s.line}" for s in paper.sources),
        )
    for entity in resolved.entities:
        graph.add_node(
            f"entity:{entity.key}",
            type=entity.label.value,
            label=entity.name,
            aliases="|".join(entity.aliases),
        )
    for statement in resolved.statements:
        graph.add_edge(
            f"paper:{statement.paper}",
            f"entity:{statement.entity}",
            key=statement.role.value,
            role=statement.role.value,
            sentence=statement.evidence.sentence,
            start=statement.evidence.start,
            end=statement.evidence.end,
            rule=statement.rule,
        )
    for child, parent, pid, evidence in resolved.variants:
        graph.add_edge(
            f"entity:{child}",
            f"entity:{parent}",
            key="variantOf",
            role="variantOf",
            paper=pid,
            sentence=evidence.sentence,
            start=evidence.start,
            end=evidence.end,
            rule="variant",
        )
    for pid, link in resolved.links:
        kind = "Repository" if link.is_repo else "Link"
        graph.add_node(link.url, type=kind, label=link.url)
        role = "hasRepository" if link.is_repo else "link"
        graph.add_edge(
            f"paper:{pid}",
            link.url,
            key=role,
            role=role,
            sentence=link.evidence.sentence,
            start=link.evidence.start,
            end=link.evidence.end,
            rule="url",
        )
    _add_tasks(graph, resolved)
    per_paper: dict[str, int] = {}
    for pid, result in resolved.results:
        # Numbered within the paper, so a result keeps its IRI when other papers are added.
        index = per_paper[pid] = per_paper.get(pid, 0) + 1
        node = f"result:{pid}.{index}"
        graph.add_node(
            node,
            type="Result",
            label=f"{result.value:g}{result.unit}",
            value=result.value,
            unit=result.unit,
            kind=result.kind,
            baseline="" if result.baseline is None else result.baseline,
            metric=result.metric or "",
            sentence=result.evidence.sentence,
            start=result.evidence.start,
            end=result.evidence.end,
        )
        graph.add_edge(node, f"paper:{pid}", key="reportedIn", role="reportedIn")
        graph.add_edge(node, f"entity:{result.benchmark}", key="onBenchmark", role="onBenchmark")
        if result.model:
            graph.add_edge(node, f"entity:{result.model}", key="withModel", role="withModel")
    return graph


def _add_tasks(graph: nx.MultiDiGraph, resolved: Resolved) -> None:
    """Task nodes ('task:<key>'), paper -addressesTask-> task (and -mainTask-> for the main
    one) with evidence, dataset -forTask-> task and task -broaderTask-> task."""
    for task in resolved.tasks:
        graph.add_node(
            f"task:{task.key}",
            type="Task",
            label=task.name,
            aliases="|".join(task.aliases),
            pwc=task.slug or "",
        )
        for parent in task.broader:
            graph.add_edge(
                f"task:{task.key}", f"task:{parent}", key="broaderTask", role="broaderTask",
                rule="task-hierarchy",
            )
    for pid, key, main, evidence, rule in resolved.task_statements:
        for role in ("addressesTask", "mainTask") if main else ("addressesTask",):
            graph.add_edge(
                f"paper:{pid}",
                f"task:{key}",
                key=role,
                role=role,
                sentence=evidence.sentence,
                start=evidence.start,
                end=evidence.end,
                rule=rule,
            )
    for entity, key, pid, evidence, rule in resolved.task_data:
        graph.add_edge(
            f"entity:{entity}",
            f"task:{key}",
            key="forTask",
            role="forTask",
            paper=pid,
            sentence=evidence.sentence,
            start=evidence.start,
            end=evidence.end,
            rule=rule,
        )


def papers_per_node(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many distinct papers link to each node; sizes nodes in the page."""
    counts: dict[str, int] = {}
    for node in graph.nodes:
        counts[node] = len({u for u, _ in graph.in_edges(node) if u.startswith("paper:")})
    return counts
