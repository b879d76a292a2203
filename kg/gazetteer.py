"""Known names from the gazetteer files, matched with spaCy's PhraseMatcher.

PhraseMatcher cost grows with the text, not with the number of entries, so gazetteers can grow
to many thousands of names. Single-word aliases match case-sensitively ("MATH" the benchmark is
not "math"); multi-word aliases match in any case ("direct preference optimization").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg import resources
from kg.errors import ResourceError
from kg.normalize import VERSION_WORD, doc_text, name_key, span_text
from kg.records import EntityType

CANDIDATES = "kg_candidates"


@dataclass(frozen=True)
class Entry:
    name: str
    label: EntityType
    aliases: tuple[str, ...]
    source: str


def spelling_variants(name: str) -> set[str]:
    """'MT-Bench' is also written 'MT Bench' and 'MTBench'; index all three."""
    variants = {name}
    if "-" in name:
        variants.add(name.replace("-", " "))
        variants.add(name.replace("-", ""))
    return variants


@cache
def load_entries() -> tuple[Entry, ...]:
    """Gazetteer entries, core.jsonl first so its types win over the generated lists."""
    files = sorted(resources.gazetteer_files(), key=lambda p: (p.stem != "core", p.stem))
    entries = []
    for path in files:
        for row in resources.read_jsonl(path):
            try:
                entries.append(
                    Entry(
                        row["name"],
                        EntityType(row["type"]),
                        tuple(row.get("aliases", ())),
                        row.get("source", path.stem),
                    )
                )
            except (KeyError, ValueError) as error:
                raise ResourceError(f"{path}: bad gazetteer row {row!r}") from error
    return tuple(entries)


@cache
def index() -> dict[str, Entry]:
    """Normalized alias -> entry; the first file listing a key keeps it. An entry whose own
    name is a generic word (VAE, LLM) is left out with all its aliases."""
    excluded = {name_key(w) for w in resources.word_list("generic")}
    excluded |= {name_key(w) for w in resources.word_list("not_names")}
    table: dict[str, Entry] = {}
    for entry in load_entries():
        if name_key(entry.name) in excluded:
            continue
        for alias in (entry.name, *entry.aliases):
            key = name_key(alias)
            if key and key not in excluded and len(key) >= 2:
                table.setdefault(key, entry)
    return table


@lru_cache(maxsize=1 << 16)
def lookup(name: str) -> Entry | None:
    return index().get(name_key(name))


def _phrases() -> dict[str, tuple[Entry, set[str], set[str]]]:
    """Match label -> (entry, case-sensitive forms, lower-cased forms). Only the aliases that
    the index gives to the entry are matched, so each form has one owner."""
    phrases: dict[str, tuple[Entry, set[str], set[str]]] = {}
    table = index()
    for key, entry in table.items():
        label = f"{entry.label.value}:{entry.name}"
        _entry, exact, folded = phrases.setdefault(label, (entry, set(), set()))
        for alias in (entry.name, *entry.aliases):
            if name_key(alias) != key:
                continue
            for form in spelling_variants(alias):
                if " " in form and len(form) > 6:
                    folded.add(form.lower())
                else:
                    exact.add(form)
                    if _distinctive(form):
                        folded.add(form.lower())  # "MTbench" for "MTBench"
    return phrases


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp)


class GazetteerMatcher:
    """Adds a candidate span per gazetteer match: label = type, kb_id = canonical name."""

    def __init__(self, nlp: Language) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries: dict[str, Entry] = {}
        for label, (entry, exact, folded) in sorted(_phrases().items()):
            self.entries[label] = entry
            if exact:
                self.exact.add(label, [nlp.make_doc(f) for f in sorted(exact)])
            if folded:
                self.folded.add(label, [nlp.make_doc(f) for f in sorted(folded)])

    def __call__(self, doc: Doc) -> Doc:
        group = doc.spans.setdefault(CANDIDATES, [])
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                entry = self.entries[doc.vocab.strings[match_id]]
                span = Span(
                    doc, start, end, label=entry.label.value, kb_id=entry.name, span_id="gazetteer"
                )
                if (
                    matcher is self.folded
                    and " " not in (surface := span_text(span))
                    and not any(c.isupper() for c in surface[1:])
                ):
                    continue  # "quality" is not QuALITY, "multiple" is not MultiPL-E
                if _word_bounded(doc, span):
                    group.append(_with_version(span))
        return doc


_NEXT_WORD = re.compile(r"[A-Za-z]+(?![\w-])")


def _distinctive(form: str) -> bool:
    """A single CamelCase or mixed word of some length is a name in any case ('MTBench',
    'HelpSteer2'); a plain word or short capitals ('Vicuna', 'MATH') only as written."""
    return (
        len(form) >= 5
        and any(c.isupper() for c in form[1:])
        and any(c.islower() for c in form)
        and not re.fullmatch(r"[A-Z][a-z]+", form)
    )


def _with_version(span: Span) -> Span:
    """'Arena Hard Auto v0.1': a version written after a known name belongs to the mention."""
    doc = span.doc
    if span.end < len(doc) and VERSION_WORD.fullmatch(doc[span.end].text):
        extended = Span(
            doc, span.start, span.end + 1, label=span.label_, kb_id=span.kb_id_, span_id=span.id_
        )
        return extended
    return span


def _word_bounded(doc: Doc, span: Span) -> bool:
    """Drop matches glued to more name characters ('DPO' inside 'DPO-Shift' is a token anyway,
    but 'GPT' before '-4' must not match alone); a word that says the name is used does not
    count ('PPO-based RLHF' names PPO)."""
    text = doc_text(doc)
    end = span.end_char
    if end < len(text) and text[end] == "-" and end + 1 < len(text):
        if not text[end + 1].isalnum():
            return True
        word = _NEXT_WORD.match(text, end + 1)
        return word is not None and word.group(0).lower() in resources.word_list("use_suffixes")
    start = span.start_char
    return not (start > 1 and text[start - 1] == "-" and text[start - 2].isalnum())
