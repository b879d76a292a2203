"""The spaCy pipeline: a blank English tokenizer, a sentencizer and kg's own components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Importing registers the factories with spaCy.
from kg import acronyms, gazetteer, names, proposals  # noqa: F401

COMPONENTS = ("sentencizer", "kg_acronyms", "kg_gazetteer", "kg_names", "kg_proposals")


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the input string on the Doc: every component reads the text,
    and rebuilding it from the tokens (`Doc.text`) costs as much as a tenth of extraction."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["kg_text"] = text
        return doc


def make_nlp() -> Language:
    """A fresh pipeline; no model is loaded, so nothing is downloaded."""
    nlp = spacy.blank("en")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


@cache
def shared_nlp() -> Language:
    """One pipeline per process: building the phrase matchers is the slow part."""
    return make_nlp()
