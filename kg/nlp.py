"""The spaCy pipeline: a blank English tokenizer, a sentencizer and kg's own components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing registers the factories with spaCy.
from kg import acronyms, gazetteer, names, proposals  # noqa: F401

COMPONENTS = ("sentencizer", "kg_acronyms", "kg_gazetteer", "kg_names", "kg_proposals")


def make_nlp() -> Language:
    """A fresh pipeline; no model is loaded, so nothing is downloaded."""
    nlp = spacy.blank("en")
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


@cache
def shared_nlp() -> Language:
    """One pipeline per process: building the phrase matchers is the slow part."""
    return make_nlp()
