"""Sentence bounds as character offsets: the unit every piece of evidence is quoted in.

The rule is spaCy's sentencizer's: a sentence ends at a token that is one sentence-final
character ('.', '!', '?' and their kin in other scripts), and the next one opens at the first
token after it that is not punctuation, so closing quotes and brackets stay with the sentence
they close. kg adds one rule: a blank line ends a sentence too, since a title has no final
punctuation and would otherwise open the abstract's first sentence (and be quoted as its
evidence).

The component reads token offsets and flags as arrays (`Doc.to_array`), where the sentencizer
makes a Token object for every token of the text: the sentencizer and reading its sentences
back took about 7% of extraction. It stores the bounds, not token flags: they are all kg reads.
"""

from __future__ import annotations

import bisect

from spacy.attrs import IDX, IS_PUNCT, LENGTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from kg.normalize import doc_text

KEY = "kg_sents"
STOPS = frozenset(Sentencizer.default_punct_chars)


def sentence_starts(
    text: str, starts: list[int], lengths: list[int], punct: list[int]
) -> list[int]:
    """Indices of the tokens that open a sentence, given each token's start, length and
    punctuation flag."""
    opened = [0]
    count = len(starts)
    after = 0  # tokens before this one are already in a sentence that has opened
    for i in range(count):
        if i < after or lengths[i] != 1 or text[starts[i]] not in STOPS:
            continue
        j = i + 1
        while j < count and (punct[j] or (lengths[j] == 1 and text[starts[j]] in STOPS)):
            j += 1
        if j < count:
            opened.append(j)
        after = j
    return opened


def split_blank_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One sentence's bounds cut at blank lines, without the blank pieces."""
    pieces = []
    while (cut := text.find("\n\n", start, end)) >= 0:
        if text[start:cut].strip():
            pieces.append((start, len(text[:cut].rstrip())))
        start = cut + 2
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def doc_sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence of a Doc."""
    if len(doc) == 0:
        return []
    text = doc_text(doc)
    starts, lengths, punct = doc.to_array([IDX, LENGTH, IS_PUNCT]).T.tolist()
    opened = sentence_starts(text, starts, lengths, punct)
    bounds = []
    for first, following in zip(opened, [*opened[1:], len(starts)], strict=True):
        last = following - 1
        start, end = starts[first], starts[last] + lengths[last]
        if text.find("\n\n", start, end) < 0:
            bounds.append((start, end))
        else:
            bounds.extend(split_blank_lines(text, start, end))
    return bounds


class SentenceBounds:
    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[KEY] = doc_sentences(doc)
        return doc


@Language.factory("kg_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceBounds:
    return SentenceBounds()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The bounds the component stored, or computed now for a Doc made without it."""
    bounds = doc.user_data.get(KEY)
    if bounds is None:
        bounds = doc.user_data[KEY] = doc_sentences(doc)
    return bounds


def sentence_at(doc: Doc, start: int) -> tuple[int, int]:
    """The sentence holding a character offset (the last one for an offset past the end)."""
    bounds = sentence_bounds(doc)
    if not bounds:
        return 0, 0
    index = bisect.bisect_right(bounds, (start, float("inf"))) - 1
    return bounds[max(index, 0)]
