"""kg's sentence component against spaCy's sentencizer, whose rule it keeps."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from kg import resources
from kg.latex import mask
from kg.nlp import shared_nlp
from kg.sentences import sentence_bounds, split_blank_lines
from kg.sources import read_file

TRICKY = [
    "One. Two! Three? Four",
    'He said "stop." Then (see Fig. 2.) we left... and came back?! Yes.',
    "e.g. GPT-3.5 and U.S. data, i.e. 3.5 points. Next.",
    "A title without a stop\n\nThe abstract. Its second sentence.",
    "Ends with spaces.   \n\n\n  After three blank lines .  . Done",
    "。日本語の文。次の文\uff01",
    ". . .",
    "x",
]


@cache
def _sentencizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _sentencizer_bounds(text: str) -> list[tuple[int, int]]:
    """What kg computed before it had its own component: spaCy's sentences, cut at blank
    lines."""
    doc = _sentencizer()(text)
    return [
        piece
        for sent in doc.sents
        for piece in split_blank_lines(text, sent.start_char, sent.end_char)
    ]


@pytest.mark.parametrize("text", TRICKY)
def test_sentences_follow_the_sentencizer(text: str) -> None:
    assert sentence_bounds(shared_nlp()(text)) == _sentencizer_bounds(text)


def test_sentences_of_the_sample_papers_follow_the_sentencizer() -> None:
    papers = [paper for path in resources.sample_pages() for paper in read_file(path)]
    assert len(papers) > 100
    for paper in papers:
        assert sentence_bounds(shared_nlp()(paper.text)) == _sentencizer_bounds(paper.text)


def test_blank_line_ends_a_sentence() -> None:
    text = "A Title Without Punctuation\n\nWe propose Xnet. It works."
    bounds = sentence_bounds(shared_nlp()(text))
    assert [text[s:e] for s, e in bounds] == [
        "A Title Without Punctuation",
        "We propose Xnet.",
        "It works.",
    ]


# Sentence-final characters, punctuation that may follow them, words and spaces of every kind.
PIECES = st.sampled_from(
    [
        *".!?。\uff01…\"')]“”-,;:",
        "\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "e.g.",
        "3.5",
        "U.S.",
        "Fig. 2",
        "x",
    ]
)
# Lone surrogates aside: readers replace them before any text reaches spaCy.
SENTENCE_TEXT = st.lists(
    st.one_of(PIECES, st.characters(exclude_categories=("Cs",))), max_size=80
).map("".join)


@given(SENTENCE_TEXT)
def test_sentences_follow_the_sentencizer_on_any_text(text: str) -> None:
    # The pipeline reads LaTeX masked to spaces (kg.latex): "$.$" holds no sentence end.
    doc = shared_nlp()(text)
    expected = _sentencizer_bounds(mask(text)) if len(doc) else []
    assert sentence_bounds(doc) == expected
