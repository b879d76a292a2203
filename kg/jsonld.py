"""JSON-LD export: compacted with the context in ontology/context.jsonld and put in a canonical
order (nodes by @id, keys and value lists sorted), since rdflib's writer follows set order."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from rdflib import Graph

from kg import resources


@cache
def context() -> dict[str, Any]:
    path = resources.ontology_dir() / "context.jsonld"
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(rdf: Graph) -> str:
    data = json.loads(rdf.serialize(format="json-ld", context=context(), auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    nodes = [_canonical({k: v for k, v in n.items() if k != "@context"}) for n in nodes]
    nodes.sort(key=lambda n: n.get("@id", ""))
    document = {"@context": context(), "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
