"""Where a paper says what it introduces: the head of its title ("CoDA: ..."), "we propose X",
"we introduce X, a benchmark for ...", "a framework named X", "our X".

Each finder returns character ranges of the introduced names; `NAME` is the shape of a name in
these positions, looser than elsewhere because the context already says it is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

# One coined or capitalized token, optionally followed by capitalized words ("Baichuan Alignment").
_WORD = r"[A-Za-z0-9][\w]*(?:[-.+][\w]+)*"
NAME = rf"(?:{_WORD})(?: +(?:[A-Z0-9][\w]*(?:-[\w]+)*))*"
_VERBS = (
    r"propose|proposes|proposed|introduce|introduces|introduced|present|presents|presented|"
    r"develop|develops|developed|design|designs|designed|release|releases|released|"
    r"construct|constructs|constructed|curate|curates|curated|build|builds|built|"
    r"create|creates|created|devise|devised|contribute|offer|establish|formulate"
)
_ADJ = (
    r"(?:novel|new|simple|effective|efficient|unified|general|principled|scalable|lightweight|"
    r"comprehensive|large-scale|first|two-stage|multi-stage|systematic|robust|generic|flexible|"
    r"training-free|plug-and-play|practical|theoretical|challenging|open-source|holistic|"
    r"fine-grained|dynamic|adaptive|iterative|hierarchical)"
)
_AFTER_VERB = re.compile(
    rf"\b(?:we|We|paper|work|study|authors)\s+(?:also\s+|further\s+|first\s+|then\s+)?(?:{_VERBS})\s+"
    rf"(?:(?:a|an|the|our)\s+)?(?:{_ADJ}[\s,]+)*(?:[a-z-]+\s+){{0,3}}?"
    rf"(?:(?:called|named|dubbed|termed|coined)\s+)?"
    rf"(?P<name>{NAME})"
)
_NAMED = re.compile(rf"\b(?:called|named|dubbed|termed|coined|namely)\s*,?\s+(?P<name>{NAME})")
_OUR = re.compile(rf"\b(?:[Oo]ur|[Tt]he proposed|[Tt]his new)\s+(?P<name>{_WORD})")
_APPOSITIVE = re.compile(rf"(?P<name>{_WORD})\s*(?:\([^)]*\)\s*)?,\s+(?:a|an)\s+(?:{_ADJ}[\s,]+)+")
_TITLE_HEAD = re.compile(r"^(?P<head>[^:]{1,60}?)\s*(?::|\s--\s|\s-\s)\s*\S")


def title_head(title: str) -> tuple[int, int] | None:
    """The range of a title's head when it is a name: 'CoDA' in 'CoDA: Collaborative ...'."""
    match = _TITLE_HEAD.match(title)
    # A title set in capitals ("BEYOND DIALOGUE: ...") says nothing by its case.
    if not match or title == title.upper():
        return None
    head = match.group("head")
    start = 0
    # "The PacifAIst Benchmark" -> "PacifAIst"
    m = re.fullmatch(r"(?:The\s+)?(?P<n>\S+)(?:\s+(?:Benchmark|Dataset|Framework|Model))?", head)
    if m:
        start = m.start("n")
        head = m.group("n")
    if " " in head or not re.search(r"[A-Z]", head) or not re.fullmatch(_WORD, head):
        return None
    # A single plain word ("Alignment: ...") is a topic, not a name, unless it is all capitals.
    if re.fullmatch(r"[A-Z][a-z]+", head) and len(head) > 1:
        return None
    return start, start + len(head)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Cut a captured name at the first ordinary lower-case word or generic trailing word."""
    name = text[start:end]
    words = name.split()
    kept = []
    for word in words:
        if kept and (word[0].islower() or word.lower() in {"the", "a", "an", "and", "to", "for"}):
            break
        kept.append(word)
    if not kept:
        return None
    # Drop trailing type words: "GenoTEX" from "GenoTEX Benchmark" is handled by the typing.
    name = " ".join(kept)
    if name[0].islower() and not re.search(r"[A-Z]", name):
        return None
    if len(kept) == 1 and re.fullmatch(r"[A-Z][a-z]+", name):
        # "We propose Alignment..." is not a name; "We introduce Baichuan Alignment" keeps two.
        return None
    return start, start + len(name)


def find_proposals(text: str, title_length: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) of every name the text says the paper introduces."""
    head = title_head(text[:title_length])
    if head:
        yield head[0], head[1], "title-head"
    for pattern, rule in (
        (_AFTER_VERB, "we-propose"),
        (_NAMED, "named"),
        (_OUR, "our"),
        (_APPOSITIVE, "appositive"),
    ):
        for match in pattern.finditer(text):
            trimmed = _trim(text, match.start("name"), match.end("name"))
            if trimmed:
                yield trimmed[0], trimmed[1], rule


@Language.factory("kg_proposals")
def make_proposals(nlp: Language, name: str) -> ProposalFinder:
    return ProposalFinder()


class ProposalFinder:
    """Stores introduced-name ranges in `doc._.kg_proposals`; the title ends at the first blank
    line, as `Paper.text` joins title and abstract with one."""

    def __call__(self, doc: Doc) -> Doc:
        title_length = doc.text.find("\n\n")
        if title_length < 0:
            title_length = len(doc.text)
        doc._.kg_proposals = tuple(find_proposals(doc.text, title_length))
        return doc


if not Doc.has_extension("kg_proposals"):
    Doc.set_extension("kg_proposals", default=())
