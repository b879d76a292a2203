"""Normalization shared by every stage: one key per name, one key per paper."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# A version written as its own word: "v2", "v0.1" ("OWSM v4", "Arena Hard Auto v0.1").
VERSION_WORD = re.compile(r"v\d+(?:\.\d+)*")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Lone surrogates (JSON can spell them, "\ud800") cannot be written as UTF-8 at all.
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """Lower-case letters and digits only: 'MT-Bench', 'MTbench' and 'mt bench' share a key.
    A plus is spelled out: 'UNet++' is another network than 'U-Net', 'DPO+' than 'DPO'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", folded.lower().replace("+", "plus"))


def paper_key(title: str) -> str:
    """A paper's identity across listings is its normalized title."""
    return name_key(title) or clean_text(title).lower()


def clean_text(text: str) -> str:
    """Collapse whitespace, drop control characters and replace lone surrogates: none has a
    place in titles, RDF or HTML."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))).strip()


def doc_text(doc) -> str:
    """A spaCy Doc's text, built once: `Doc.text` joins every token on each access, and the
    components read it many times per paper. kg's pipeline stores the input text at
    tokenization (`kg.nlp.TextKeepingTokenizer`), so the join is never needed there."""
    cached = doc.user_data.get("kg_text")
    if cached is None:
        cached = doc.user_data["kg_text"] = doc.text
    return cached


def span_text(span) -> str:
    """A Span's text, cut from its Doc's: `Span.text` makes a Token object per token to join
    their texts, and the components ask for the text of every candidate, some more than once."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _is_name_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


def name_occurrences(text: str, surface: str) -> Iterator[int]:
    """Starts of `surface` in `text` as a whole name (no letter, digit, '_' or '-' on either
    side). A search per name: a regex per name would be compiled for each of thousands."""
    start = text.find(surface) if surface else -1
    while start >= 0:
        if not _is_name_char(text, start - 1) and not _is_name_char(text, start + len(surface)):
            yield start
        start = text.find(surface, start + 1)


def contains_name(text: str, surface: str) -> bool:
    return next(name_occurrences(text, surface), None) is not None
