"""Property-based tests: parsers, IRI minting, RDF round trips and HTML escaping hold for any
text, including control characters, right-to-left text, quotes, angle brackets, long lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.graph import build_graph
from kg.html import to_html
from kg.normalize import clean_text, name_key
from kg.rdf import node_iri, to_rdf
from kg.records import Paper, Resolved, Source
from kg.sources import read_jsonl, read_page
from kg.urls import link_iri, safe_iri

# Text as papers bring it: any Unicode, with a fair share of the troublesome characters.
NASTY = st.sampled_from([*"<>&\"'\\\x00\x07\u202e\u200f\u05d0\u0627\n\t\r ", "</script>"])
TEXT = st.lists(st.one_of(st.characters(), NASTY), max_size=300).map("".join)
LINE = TEXT.map(clean_text).filter(lambda t: t and not t.isdigit())


@given(TEXT)
def test_page_reader_never_crashes(text: str) -> None:
    try:
        papers = list(read_page(Path("page.txt"), text))
    except InputError:
        return
    for paper in papers:
        assert paper.title and "\n" not in paper.title
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", paper.title + paper.abstract)


@given(st.lists(st.tuples(LINE, LINE), min_size=1, max_size=5))
def test_page_round_trip(entries: list[tuple[str, str]]) -> None:
    entries = [
        (t[:300], a)
        for t, a in entries
        if not re.fullmatch(r"[·•].*|(?:new|subscribe|daily papers)", t, re.I)
        and not re.match(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", t)
        and not re.match(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", a)
        and "·" not in (t, a)
        and not t.startswith("•")
        and not a.startswith("•")
    ]
    text = "Daily Papers\n\n" + "".join(
        f"{t}\n\n{a}\n\n  • 3 authors\n·\nAug 1\n\n" for t, a in entries
    )
    papers = list(read_page(Path("page.txt"), text)) if entries else []
    assert [(p.title, p.abstract) for p in papers] == entries


@given(TEXT.filter(lambda t: clean_text(t)), TEXT)
def test_jsonl_round_trip(title: str, abstract: str) -> None:
    line = json.dumps({"title": title, "abstract": abstract})
    (paper,) = read_jsonl(Path("p.jsonl"), line)
    assert paper.title == clean_text(title)
    assert paper.abstract == clean_text(abstract)


@given(TEXT)
def test_iris_are_valid_for_any_text(text: str) -> None:
    key = name_key(text)
    assert re.fullmatch(r"[a-z0-9]*", key)
    for iri in (
        str(node_iri(f"entity:{key or 'x'}")),
        link_iri(f"https://example.org/{text}"),
        link_iri(f"http://{text}"),
    ):
        if iri is None:
            continue  # a link no engine would accept is left out of the graph
        assert not re.search(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]", iri), iri
        ox.NamedNode(iri)  # raises on an invalid IRI
    assert link_iri(f"https://example.org/{text}") is not None
    assert safe_iri(safe_iri(f"https://x.org/{text}")) == safe_iri(f"https://x.org/{text}")


def one_paper_graph(title: str, abstract: str):
    paper = Paper(clean_text(title) or "untitled", clean_text(abstract), (Source("a.txt", 1),))
    return build_graph(Resolved(papers=(paper,), entities=(), statements=()))


@given(TEXT, TEXT)
def test_turtle_and_jsonld_round_trip(title: str, abstract: str) -> None:
    rdf = to_rdf(one_paper_graph(title, abstract))
    turtle = Graph().parse(data=rdf.serialize(format="turtle"), format="turtle")
    assert isomorphic(rdf, turtle)
    jsonld = Graph().parse(data=rdf.serialize(format="json-ld"), format="json-ld")
    assert isomorphic(rdf, jsonld)


@given(TEXT.filter(lambda t: re.search(r"<[A-Za-z/!]", clean_text(t))))
def test_page_never_contains_paper_text_as_markup(title: str) -> None:
    title = "kgmark " + title  # so the title cannot match the page's own markup
    page = to_html(one_paper_graph(title, "An abstract."))
    assert clean_text(title) not in page  # every "<" of the title is escaped in the page data
    assert page.count("<script") == to_html(one_paper_graph("plain", "x")).count("<script")
