"""SHACL validation of an export against ontology/shapes.ttl, with the ontology as background
so that sh:class sees rdfs:subClassOf (a Benchmark is a Dataset is an Entity)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from kg import resources
from kg.errors import InputError, ResourceError

_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def summary(self, limit: int = 20) -> str:
        if self.conforms:
            return "conforms: every node satisfies ontology/shapes.ttl"
        lines = [f"does not conform: {len(self.violations)} violations"]
        for v in self.violations[:limit]:
            where = f" {v.path}" if v.path else ""
            lines.append(f"  {v.focus}{where}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def load_export(path: Path) -> Graph:
    if not path.is_file():
        raise InputError(path, "no such graph file; run kg build first")
    try:
        return Graph().parse(path, format=_FORMATS.get(path.suffix.lower(), "turtle"))
    except Exception as error:  # rdflib raises many parser-specific types
        raise InputError(path, f"cannot parse graph ({str(error).splitlines()[0]})") from error


def validate_graph(data: Graph) -> ValidationReport:
    shapes = Graph().parse(resources.ontology_dir() / "shapes.ttl", format="turtle")
    ontology = Graph().parse(resources.ontology_file(), format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    if not isinstance(report, Graph):
        raise ResourceError(f"ontology/shapes.ttl cannot be used: {text.strip()}")
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        violations.append(
            Violation(
                str(report.value(result, SH.focusNode)),
                str(report.value(result, SH.resultPath) or ""),
                str(report.value(result, SH.resultMessage) or "constraint violated"),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), tuple(violations))


def validate(path: Path) -> ValidationReport:
    return validate_graph(load_export(path))
