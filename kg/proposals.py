"""Where a paper says what it introduces: the head of its title ("CoDA: ..."), "we propose X",
"we introduce X, a benchmark for ...", "a framework named X", "our X".

Each finder returns character ranges of the introduced names; `NAME` is the shape of a name in
these positions, looser than elsewhere because the context already says it is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import resources
from kg.names import names_task
from kg.normalize import VERSION_WORD, contains_name, doc_text
from kg.sentences import sentence_bounds

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
# Each pattern that opens with a word alternation starts with a lookahead on its first letters:
# the regex engine tries a pattern at every position, and the class test fails fastest.
_AFTER_VERB = re.compile(
    rf"(?=[wWpsa])\b(?:we|We|paper|work|study|authors)\s+(?:also\s+|further\s+|first\s+|then\s+)?(?:{_VERBS})\s+"
    rf"(?:(?:a|an|the|our)\s+)?(?:{_ADJ}[\s,]+)*(?:[a-z-]+\s+){{0,3}}?"
    rf"(?:(?:called|named|dubbed|termed|coined)\s+)?"
    rf"(?P<name>{NAME})"
)
# The verb of a contribution claim; the rest of its sentence is the claim.
CLAIM = re.compile(
    rf"(?=[Wwps])\b(?:[Ww]e|paper|work|study)\s+(?:also\s+|further\s+|first\s+|then\s+|thus\s+)?"
    rf"(?:{_VERBS})\b"
)
# Inside a claim: "a new method ReCOIL",
# "a novel framework, Contrastive Unlikelihood Training (CUT)".
_CUE_THEN_NAME = re.compile(
    r"\b(?:method|framework|algorithm|approach|model|benchmark|dataset|technique|objective|"
    r"loss|system|pipeline|paradigm|strategy|metric|suite|corpus|toolkit|library|agent)s?"
    rf"\s*,?\s+(?:called\s+|named\s+|namely\s+|dubbed\s+|termed\s+)?(?P<name>{NAME})(?=\s*[(,.;:]|\s+(?:that|which|to|for|with)\b)"
)
# "We propose three interventions: (i) TraceShield, an ... filter, ... (iii) Prov-Decode, a ...":
# a marked item of a claim that opens with a name set off by a comma or a parenthesis.
_ENUMERATED = re.compile(
    rf"(?:\((?:[ivx]{{1,4}}|\d|[a-e])\)|(?<![\w.])(?:[ivx]{{1,4}}|\d)\))\s+(?P<name>{NAME})"
    r"(?=\s*\(|,\s+(?:a|an|the|which)\s)"
)
_CAPITALIZED = r"[A-Z][a-z]+(?:-(?:[A-Z][a-z]*|[a-z]{1,3}))*"
_TITLE_CASE_NAME = re.compile(
    rf"(?<=[\s(:])(?P<name>{_CAPITALIZED}(?:\s+{_CAPITALIZED}){{1,4}})"
    r"(?=\s*[,;:(]|\s+(?:which|that|to)\b)"
)


@cache
def _titled_part() -> re.Pattern[str]:
    """A title-case phrase followed by the word for a part ("module", "encoder"), listed under
    `_component_heads` in type_cues.json."""
    heads = "|".join(sorted(resources.component_heads(), key=len, reverse=True))
    return re.compile(
        rf"(?<=[\s(:])(?P<name>{_CAPITALIZED}(?:\s+{_CAPITALIZED}){{1,4}})(?=\s+(?:{heads})s?\b)"
    )


# "our fine-tuned model, Labrador, ...": the word after the comma names what "our" introduced.
_OUR_KIND_NAME = re.compile(
    r"\b[Oo]ur\s+(?:[\w-]+\s+){0,3}?(?:model|method|framework|approach|algorithm|system|"
    r"agent|dataset|benchmark|metric|strategy|pipeline|architecture|network|module|technique|"
    rf"policy|loss|objective|solver|toolkit|library|suite|corpus|tool)\s*,\s+(?P<name>{_WORD})"
    r"(?=\s*,)"
)
_NAMED = re.compile(
    r"(?=[cndtWw])\b(?:called|named|dubbed|termed|coined|namely"
    r"|(?:[Ww]e|which we)\s+(?:call|term|dub))"
    rf"\s*,?\s+(?P<name>{NAME})"
)
# "A benchmark dataset, RUET-GAIT, is introduced to ...": a name the passive voice introduces.
# Present tense only: "X was proposed by" tells of earlier work.
_PASSIVE = re.compile(
    rf"(?<![\w.+-])(?P<name>{_WORD}),?\s+(?:is|are)\s+(?:first\s+|also\s+|then\s+|here\s+)?"
    r"(?:introduced|proposed|presented|developed|constructed|released|curated)\b"
)
# _PASSIVE's verb phrase alone: few abstracts hold one, and a search for it is quicker than
# trying _PASSIVE, which opens with a name, at every word.
_PASSIVE_VERB = re.compile(
    r"(?=[ia])\b(?:is|are)\s+(?:first\s+|also\s+|then\s+|here\s+)?"
    r"(?:introduced|proposed|presented|developed|constructed|released|curated)\b"
)
# What follows a name that the sentence introduces: "Kaleido, an open ...", "Kaleido (...)".
_INTRODUCED = re.compile(r"\s*(?:,\s+(?:a|an)\s|\()")
# A long form the paper calls its own: "our approach, X (ACR)", "a new dataset (ACR)".
OWN_BEFORE = re.compile(
    r"\b(?:[Oo]ur(?:\s+[\w-]+){0,2}\s+(?:approach|method|framework|model|algorithm|dataset|"
    r"benchmark|system|technique|metric|loss|objective|pipeline|agent|generator|network|"
    r"detector|encoder|decoder|policy|planner|controller|solver|architecture|module|tokenizer)"
    # "a new approach, X": up to three words of the noun phrase, not across a clause or a
    # preposition ("a new approach that reinterprets VFM features" uses VFM).
    r"|(?:[Aa]n?)\s+(?:novel|new)(?:\s+(?!(?:that|which|who|whose|to|for|of|on|in|with|from|by|"
    r"and|or|using|based|via|than)\b)[\w-]+){0,3})\s*,?\s*\(?$"
)
_OUR = re.compile(rf"(?=[OoTt])\b(?:[Oo]ur|[Tt]he proposed|[Tt]his new)\s+(?P<name>{_WORD})")
_APPOSITIVE = re.compile(
    rf"(?<![\w.+-])(?P<name>{_WORD})[ ]?(?:\([^()]{{0,80}}\)[ ]?)?,[ ](?:a|an)[ ](?:{_ADJ}[\s,]+)+"
)
_APPOSITIVE_TAIL = re.compile(rf",[ ](?:a|an)[ ]{_ADJ}[\s,]")
_TITLE_HEAD = re.compile(r"^(?P<head>[^:]{1,60}?)\s*(?::|\s--\s|\s-\s)\s*\S")


def title_head(title: str, abstract: str = "") -> tuple[int, int] | None:
    """The range of a title's head when it is a name: 'CoDA' in 'CoDA: Collaborative ...'.

    A head of several capitalized words ("Align With Purpose: ...") counts only when the
    abstract repeats it as written: a topic ("Large Language Model Alignment: A Survey") is
    rarely repeated verbatim, a name is. A task ("Interactive Medical Image Segmentation: A
    Benchmark ...") is no name, repeated or not.
    """
    match = _TITLE_HEAD.match(title)
    if not match:
        # "Qwen2.5-VL Technical Report": one coined word before the report names the model.
        report = _REPORT_TITLE.match(title)
        if report and re.search(r"[A-Z].*(?:\d|[a-z][A-Z])|[a-z][A-Z]", report.group(1)):
            return 0, report.end(1)
        return None
    head = match.group("head")
    words = head.split()
    if (
        1 < len(words) <= 4
        and words[0][0].isupper()
        # "PaliGemma 2: ...", "Yuan 2.0-M32: ...": a version after the name.
        and all(
            w[0].isupper() or w[0].isdigit() or VERSION_WORD.fullmatch(w) or w in _HEAD_CONNECTORS
            for w in words[1:]
        )
        and contains_name(abstract, head)
        # "Guardians of Generation" is a name all the same.
        and not (names_task(head) and not _HEAD_CONNECTORS.intersection(words))
    ):
        return 0, len(head)
    # A title set in capitals ("BEYOND DIALOGUE: ...") says nothing by its case.
    if title == title.upper():
        return None
    # One plain word ("Flames: Benchmarking ...") is a name when the abstract uses it as one,
    # capitalized in mid-sentence.
    if re.fullmatch(r"[A-Z][a-z]{2,}", head) and re.search(
        rf"\b[a-z]+,?\s+{re.escape(head)}\b", abstract
    ):
        return 0, len(head)
    start = 0
    # "The PacifAIst Benchmark" -> "PacifAIst"
    m = re.fullmatch(r"(?:The\s+)?(?P<n>\S+)(?:\s+(?:Benchmark|Dataset|Framework|Model))?", head)
    if m:
        start = m.start("n")
        head = m.group("n")
    # "bbsolver: A Unified ... Solver" with "bbsolver frames the task as ...": a lower-case
    # head that opens a sentence of the abstract is a name, as no English sentence opens so.
    if re.fullmatch(r"[a-z][a-z0-9]{3,}", head) and re.search(
        rf"(?:^\s*|[.!?]\s+){re.escape(head)}\s+[a-z]", abstract
    ):
        return start, start + len(head)
    if " " in head or not re.search(r"[A-Z]", head) or not re.fullmatch(_WORD, head):
        return None
    # A single plain word ("Alignment: ...") is a topic, not a name, unless it is all capitals.
    if re.fullmatch(r"[A-Z][a-z]+", head) and len(head) > 1:
        return None
    return start, start + len(head)


_REPORT_TITLE = re.compile(rf"({_WORD})\s+Technical\s+Report\b")
_HEAD_CONNECTORS = {"of", "for", "and", "the", "with", "to", "in", "on", "a"}


def _trim(text: str, start: int, end: int, named: bool = False) -> tuple[int, int] | None:
    """Cut a captured name at the first ordinary lower-case word or generic trailing word."""
    name = text[start:end]
    words = name.split()
    # "namely PoFT", "dubbed X": a plain lower-case word before a name is not part of it.
    while len(words) > 1 and re.fullmatch(r"[a-z]+", words[0]):
        start = text.find(words[1], start + len(words[0]))
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
    if len(kept) == 1 and re.fullmatch(r"[A-Z][a-z]+", name) and not named:
        # "We propose Alignment..." is not a name; "We introduce Baichuan Alignment" keeps two.
        return None
    return start, start + len(name)


# Words after which a claim sentence turns to other work: "we propose X, unlike DPO ...".
OTHER_WORK = re.compile(
    r"\b(?:unlike|than|over|beyond|generali[sz]\w*|extend\w*|build\w* (?:on|upon)|based on|"
    r"inspired by|compared|such as|e\.g\.|including|like|outperform\w*|existing|previous|"
    r"prior|standard|traditional|conventional|baselines?|recent|popular|widely|e\.g)\b",
    re.IGNORECASE,
)


def claim_ranges(text: str, sentence_ends: list[int]) -> list[tuple[int, int]]:
    """From each claim verb ('we propose') to the end of its sentence, or to the first word
    that turns to other work."""
    ranges = []
    for match in CLAIM.finditer(text):
        end = next((e for e in sentence_ends if e > match.start()), len(text))
        other = OTHER_WORK.search(text, match.end(), end)
        ranges.append((match.start(), other.start() if other else end))
    return ranges


_NAME_BEFORE_TAIL = re.compile(rf"(?<![\w.+-])(?:{_WORD})[ ]?(?:\([^()]{{0,80}}\)[ ]?)?$")


# "4DAnyone addresses both with two designs: ...", "The framework consists of two modules: ...":
# a sentence whose subject is the paper's own contribution describes its parts.
_OWN_SUBJECT_VERB = re.compile(
    # Verbs that present parts; "combines", "integrates" or "employs" more often take what the
    # paper uses ("X combines a Rapid Table Model (RTM) with ...").
    r"\s+(?:also\s+|further\s+|then\s+)?(?:introduces|consists\s+of|comprises|contains|"
    r"includes|features|addresses|is\s+composed\s+of|is\s+equipped\s+with|"
    r"achieves\s+this\s+(?:through|via|with))\b"
)
_OWN_KIND_SUBJECT = re.compile(
    r"(?:The|Our|This)\s+(?:proposed\s+)?(?:framework|method|model|approach|architecture|"
    r"system|pipeline|design|network|algorithm)"
)


def own_subject_claims(
    text: str, bounds: list[tuple[int, int]], own: set[str]
) -> list[tuple[int, int]]:
    """Claim ranges of sentences whose subject is one of the paper's own names (`own`) or "the
    framework", from the verb to the end of the sentence or the first turn to other work."""
    ranges = []
    for first, last in bounds:
        subject = _OWN_KIND_SUBJECT.match(text, first)
        end = subject.end() if subject else None
        if end is None:
            end = next((first + len(n) for n in own if text.startswith(n, first)), None)
        verb = _OWN_SUBJECT_VERB.match(text, end) if end is not None else None
        if verb is not None:
            other = OTHER_WORK.search(text, verb.end(), last)
            ranges.append((verb.start(), other.start() if other else last))
    return ranges


def _appositives(text: str) -> Iterator[re.Match[str]]:
    """_APPOSITIVE's matches, found from their tails (", a novel"), which are rare and quick to
    find, rather than by trying the pattern at every word."""
    end = 0
    for tail in _APPOSITIVE_TAIL.finditer(text):
        if tail.start() < end:
            continue  # inside the adjectives of the match before
        name = _NAME_BEFORE_TAIL.search(text, max(end, tail.start() - 160), tail.start())
        match = _APPOSITIVE.match(text, name.start()) if name else None
        if match is not None:
            end = match.end()
            yield match


def find_proposals(
    text: str, title_length: int, claims: list[tuple[int, int]] = ()
) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) of every name the text says the paper introduces."""
    head = title_head(text[:title_length], text[title_length:])
    if head:
        yield head[0], head[1], "title-head"
    for pattern, rule in (
        (_AFTER_VERB, "we-propose"),
        (_NAMED, "named"),
        (_OUR, "our"),
        (_OUR_KIND_NAME, "named"),
        (_PASSIVE, "passive"),
        (_APPOSITIVE, "appositive"),
    ):
        if pattern is _PASSIVE and not _PASSIVE_VERB.search(text):
            continue
        matches = _appositives(text) if pattern is _APPOSITIVE else pattern.finditer(text)
        for match in matches:
            named = rule == "named" or bool(_INTRODUCED.match(text, match.end("name")))
            trimmed = _trim(text, match.start("name"), match.end("name"), named)
            if trimmed:
                # "we introduce Ditto, a self-alignment method": introduced as a name, so a
                # plain capitalized word counts, as after "named".
                yield trimmed[0], trimmed[1], "named" if named and rule == "we-propose" else rule
    yield from find_claimed(text, claims)


def find_claimed(text: str, claims: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, "claim") of the names a claim presents: after a kind word, enumerated, or a
    phrase in title case."""
    for start, end in claims:
        for match in _CUE_THEN_NAME.finditer(text, start, end):
            trimmed = _trim(text, match.start("name"), match.end("name"))
            if trimmed:
                yield trimmed[0], trimmed[1], "claim"
        for match in _ENUMERATED.finditer(text, start, end):
            trimmed = _trim(text, match.start("name"), match.end("name"), named=True)
            if trimmed:
                yield trimmed[0], trimmed[1], "claim"
        # "we propose ... three strategies: 1) Multiple Evidence Calibration, which ...": a
        # phrase in title case inside the claim, closed by punctuation or a relative clause,
        # or named as a part ("an Adaptive Token Aggregation module").
        for pattern in (_TITLE_CASE_NAME, _titled_part()):
            for match in pattern.finditer(text, start, end):
                yield match.start("name"), match.end("name"), "claim"


@Language.factory("kg_proposals")
def make_proposals(nlp: Language, name: str) -> ProposalFinder:
    return ProposalFinder()


class ProposalFinder:
    """Stores introduced-name ranges in `doc._.kg_proposals`; the title ends at the first blank
    line, as `Paper.text` joins title and abstract with one."""

    def __call__(self, doc: Doc) -> Doc:
        title_length = doc_text(doc).find("\n\n")
        if title_length < 0:
            title_length = len(doc_text(doc))
        text = doc_text(doc)
        bounds = sentence_bounds(doc)
        claims = claim_ranges(text, [end for _start, end in bounds])
        proposals = list(find_proposals(text, title_length, claims))
        own = {text[s:e] for s, e, _rule in proposals if e - s >= 3}
        more = [c for c in own_subject_claims(text, bounds, own) if c not in claims]
        if more:
            # A second pass over the new claims only: the names in their lists and enumerations.
            proposals += [p for p in find_claimed(text, more) if p not in proposals]
            claims += more
        doc._.kg_claims = tuple(claims)
        doc._.kg_proposals = tuple(proposals)
        return doc


for _name in ("kg_proposals", "kg_claims"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())
