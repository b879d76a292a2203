"""The spaCy pipeline: a blank English tokenizer and kg's own components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Importing registers the factories with spaCy.
from kg import acronyms, gazetteer, names, proposals, sentences  # noqa: F401
from kg.latex import mask

# spaCy 3.8 keeps the tokens of at most 10,000 distinct space-separated chunks and tokenizes
# every other chunk from scratch. A corpus of abstracts has far more: on 40,000 of them a cache of
# 100,000 tokenizes 1.8 times as fast, for about 25 MB. The gazetteer's phrases, tokenized when
# the pipeline is built, would otherwise take half of the default cache.
TOKENIZER_CACHE = 100_000

# The lexeme attributes kg reads: LOWER (the gazetteer's case-folded PhraseMatcher), IS_PUNCT
# (kg.sentences) and IS_SPACE (spaCy's own Doc code). spaCy's English computes 23 attributes for
# every word it has not seen (shape, like_num, like_url, stop word, ...), a Python call each; in a
# corpus of abstracts most words are new, and that took about a third of tokenizing. A component
# that reads another lexeme attribute (token.like_num, token.shape_) must add it here: without
# its getter the attribute keeps its default (False, 0 or "").
LEXEME_ATTRS = frozenset({LOWER, IS_PUNCT, IS_SPACE})

COMPONENTS = ("kg_sentences", "kg_acronyms", "kg_gazetteer", "kg_names", "kg_proposals")


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input string on the Doc: every component reads the text,
    and rebuilding it from the tokens (`Doc.text`) costs as much as a tenth of extraction.

    LaTeX markup is masked to spaces first (`kg.latex.mask`), so `\\textbf{DPO}` is read as
    the word DPO; the masked text has the input's length, so every offset indexes the input."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        masked = mask(text)
        doc = self.tokenizer(masked)
        doc.user_data["kg_text"] = masked
        return doc


def make_nlp() -> Language:
    """A fresh pipeline; no model is loaded, so nothing is downloaded."""
    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {a: f for a, f in getters.items() if a in LEXEME_ATTRS}
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


@cache
def shared_nlp() -> Language:
    """One pipeline per process: building the phrase matchers is the slow part."""
    return make_nlp()
