"""spaCy docs to mentions: choose among overlapping candidates, type each name, drop generic
words, and mark what the paper introduces. The only module that reads kg's Doc extensions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache, lru_cache

from spacy.tokens import Doc, Span

from kg import gazetteer, resources
from kg.acronyms import Definition
from kg.context_types import (
    benchmark_from_setting,
    metric_from_score,
    model_from_parts,
    model_from_pretrained,
    type_from_kind_before,
    type_from_known_base,
    types_from_lists,
    weak_evidence,
)
from kg.gazetteer import CANDIDATES
from kg.latex import quote_original
from kg.names import CONNECTORS, cue_words, is_coined, is_compound, names_task, token_span
from kg.normalize import (
    VERSION_WORD,
    contains_name,
    doc_text,
    name_key,
    span_text,
)
from kg.proposals import OTHER_WORK, OWN_BEFORE
from kg.records import EntityType, Evidence, Extraction, Mention, Paper, Result
from kg.results import find_claims
from kg.sentences import sentence_at, sentence_bounds
from kg.tasks import find_tasks
from kg.urls import find_links

# Which rule wins when two candidates cover the same text with the same length.
_PRIORITY = {
    "gazetteer": 0,
    "model-shape": 1,
    "titled-phrase": 2,
    "cued": 2,
    "proposal": 3,
    "shape": 4,
}
# Possessive: a dotted name never matches by giving back letters, and trying cost a scan per word.
_URL_SPAN = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]++(?:\.[\w-]++)+/\S*")
# "McEval-Instruct" is training data all the same.
_SAYS_BENCHMARK = re.compile(r"(?i)(?:bench|eval|leaderboard)(?!.*(?:instruct|train|sft))")
_SOURCE_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_SHORT_WITH_DIGIT = re.compile(r"[A-Z]{1,3}\d")
_PARTICIPLE = re.compile(r"[a-z]+(?:ing|ed)")
_PLURAL_ACRONYM = re.compile(r"^([A-Z][A-Za-z0-9-]*[A-Z0-9])s$")
_SIZE_OR_VERSION = re.compile(r"[-\s]v?\d")
_MODIFIER_AFTER = re.compile(
    r"^(?:-based|-style|-like|-generated|-class|\s+models?\b|\s+family\b|\s+series\b)"
)


@cache
def _generic_keys() -> frozenset[str]:
    return frozenset(name_key(w) for w in resources.word_list("generic"))


@cache
def _shape_rules() -> tuple[tuple[re.Pattern[str], EntityType], ...]:
    path = resources.ontology_dir() / "lexicon" / "shapes.json"
    rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
    return tuple((re.compile(pattern), EntityType(label)) for pattern, label in rules)


def singular(name: str) -> str:
    """'LLMs' -> 'LLM', 'RMAs' -> 'RMA'; other names unchanged."""
    match = _PLURAL_ACRONYM.match(name)
    return match.group(1) if match else name


@cache
def _not_name_keys() -> frozenset[str]:
    return frozenset(name_key(w) for w in resources.word_list("not_names"))


@lru_cache(maxsize=1 << 16)
def is_generic(name: str) -> bool:
    """A field, model class, organization or format: never an entity."""
    keys = {name_key(singular(name)), name_key(name)}
    if " " in name and name.endswith("s"):
        keys.add(name_key(name[:-1]))  # "Large Language Models"
    if "" in keys or keys & _generic_keys():
        return True
    # A venue or an organization with its year: "SemEval-2025", "CVPR 2024".
    return bool({*keys, name_key(_YEAR_AFTER.sub("", name))} & _not_name_keys())


_YEAR_AFTER = re.compile(r"[-\s']?(?:19|20)\d\d$")


# Words that open a title's phrase, never a name: "Towards Comprehensive Reasoning Benchmark".
_PHRASE_OPENERS = frozenset(
    CONNECTORS | {"towards", "toward", "via", "from", "into", "our", "this", "we", "new", "novel"}
)


@lru_cache(maxsize=1 << 16)
def plausible(name: str, rule: str) -> bool:
    """A discovered name (not from a gazetteer) must look like one.

    Shape candidates are coined tokens already. A proposal ("we propose X", a title head) may be
    a single word only if it is coined, in capitals, or a hyphenated name such as Re-Align; a
    longer proposal must be a capitalized phrase that does not start with a verb.
    """
    # "3D", "7B" and "2D-3D" are no names, but a title's "2DGS-Room" or "4DGen" is.
    if (
        name[0].isdigit()
        and not (rule.startswith("proposal") and " " not in name and is_coined(name))
    ) or (_SHORT_WITH_DIGIT.fullmatch(name)):
        return False
    words = name.split()
    if len(words) == 1:
        if is_coined(name) or re.fullmatch(r"[A-Z]{3,}", name):
            return True
        if (
            rule.startswith("proposal")
            and "-" not in name
            and name[0].isupper()
            and sum(map(str.isupper, name)) > 1
        ):
            return True  # "we construct CoSApien": capitals a shape rule would doubt
        if rule in {"proposal:named", "cued"} and re.fullmatch(r"[A-Z][a-z]{2,}\w*", name):
            return True  # "a benchmark named Flames", "the benchmark Healthbench"
        if rule == "proposal:title-head" and re.fullmatch(r"[a-z][a-z0-9]{3,}", name):
            return True  # "bbsolver: ...", which the abstract opens a sentence with
        if rule in {"shape", "model-shape"} or "-" not in name:
            return False
        parts = name.split("-")
        if (
            rule.startswith("proposal")
            and re.fullmatch(r"[A-Z]{2,}\d*", parts[0])
            and not _PARTICIPLE.fullmatch(parts[-1])
        ):
            return True  # "RT-cache", "LLM-as-Observer", not "KD-guided": an acronym opens it
        return not re.fullmatch(r"[a-z]{4,}", parts[-1]) and not all(
            p.lower() in CONNECTORS or is_generic(p) for p in parts
        )
    if words[0].endswith("ing") or words[0].lower() in _PHRASE_OPENERS:
        return False
    # One lower-case word that is not a connector means the phrase ran into the sentence.
    return all(
        w[0].isupper() or w[0].isdigit() or w in CONNECTORS or VERSION_WORD.fullmatch(w)
        for w in words
    )


@lru_cache(maxsize=1 << 16)
def type_from_shape(name: str) -> EntityType | None:
    for pattern, label in _shape_rules():
        if pattern.search(name):
            return label
    return None


_WORDS_AFTER = re.compile(r"\)?\s*(?:\([^)]{0,40}\)\s*)?(?:-\s*)?([A-Za-z-]+)(?:\s+([A-Za-z-]+))?")
# What sets an appositive off after a name: a comma or a dash, and an article.
_APPOSITIVE_OPENING = (
    r"\)?\s*(?:\([^)]{0,60}\)\s*)?(?:,|\s*--?|\s*[\u2013\u2014])\s+(?:a|an|the)\s+"
)
_APPOSITIVE_AFTER = re.compile(_APPOSITIVE_OPENING + r"([^,.;:()]{1,80})")
_OWN_KIND_BEFORE = re.compile(
    r"\b(?:[Oo]ur|[Tt]his|[Tt]he proposed)\s+(?:[\w-]+\s+){0,3}?([A-Za-z-]+)\s*,\s*$"
)
_WORD_BEFORE = re.compile(
    r"\b([A-Za-z-]+)\s+(?P<named>called\s+|named\s+|dubbed\s+)?(?P<paren>\()?$"
)
# "X, an open, light-weight and structured multi-task model that ...": adjectives set off by
# commas, read when the phrase up to the first comma names no type.
_APPOSITIVE_LONG = re.compile(_APPOSITIVE_OPENING + r"([^.;:()]{1,100})")


def type_from_appositive(text: str, end: int) -> EntityType | None:
    """'X, a benchmark for', 'X (BF) -- a token-invariant measure': what the text says the name
    is, which outweighs what its shape suggests ('MM-RLHF, a dataset of ...')."""
    appositive = _APPOSITIVE_AFTER.match(text, end, end + 60)
    if appositive is None:
        return None
    label = head_cue(appositive.group(1))
    if label is None and "," in text[appositive.end() : appositive.end() + 1]:
        longer = _APPOSITIVE_LONG.match(text, end, end + 120)
        label = head_cue(_first_clause(longer.group(1))) if longer else None
    return label


def _first_clause(phrase: str) -> str:
    """The phrase up to 'and' followed by a capitalized word, where a list of names goes on
    ('a benchmark, and MedQA, a dataset')."""
    return re.split(r",?\s+(?:and|or)\s+(?=[A-Z])|,\s+(?=[A-Z])", phrase, maxsplit=1)[0]


def _said_or_shaped(text: str, end: int, name: str) -> EntityType | None:
    """The appositive's type, else the shape's; a name shaped as a benchmark ('SceneEval-100')
    stays one where the text calls it a dataset (guidelines: benchmark when the name says
    bench, eval or test)."""
    said, shaped = type_from_appositive(text, end), type_from_shape(name)
    # "FID-50K": a known metric with a sample size is that metric, not a dataset of 50K.
    metric = gazetteer.lookup(name.split("-", 1)[0]) if "-" in name else None
    if said is None and metric is not None and metric.label is EntityType.METRIC:
        return EntityType.METRIC
    if said is EntityType.DATASET and shaped is EntityType.BENCHMARK:
        return shaped
    return said or shaped


def type_from_context(text: str, start: int, end: int) -> EntityType | None:
    """The type word right after a name ('X benchmark') or before it ('the benchmark X').
    Appositives ('X, a dataset of') are read before the shape, in _said_or_shaped."""
    after = text[end : end + 60]
    cues = cue_words()
    match = _WORDS_AFTER.match(after)
    if match:
        for word in (match.group(1), f"{match.group(1)} {match.group(2) or ''}".strip()):
            if word.lower() in cues and not word.lower().startswith(("based", "style")):
                return EntityType(cues[word.lower()])
    before = text[max(0, start - 30) : start]
    # "our fine-tuned model, Labrador, ...": the kind of the authors' own thing named just
    # before, set off by a comma ("a pre-trained LLM, LLMOPT constructs" is a list).
    kind = _OWN_KIND_BEFORE.search(text[max(0, start - 60) : start])
    if kind and kind.group(1).lower() in cues and not kind.group(1).lower().startswith("based"):
        return EntityType(cues[kind.group(1).lower()])
    return type_before(before)


def type_before(before: str) -> EntityType | None:
    """'the benchmark X', 'a preference model PairRM', 'a 7B LLM called Janus', 'a novel
    method named X': the type word just before a name."""
    match = _WORD_BEFORE.search(before)
    if not match:
        return None
    word = match.group(1).lower()
    label = cue_words().get(word)
    if word in {"benchmark", "dataset", "corpus", "leaderboard"}:
        return EntityType(label)
    # Not 'Bounded Confidence Model (BCM)': there the word ends the name's long form.
    if match.group("paren"):
        return None
    if label is not None and (match.group("named") or label == EntityType.MODEL.value):
        return EntityType(label)
    return None


_PREPOSITIONS = {
    "for",
    "of",
    "with",
    "via",
    "in",
    "on",
    "to",
    "from",
    "through",
    "by",
    "towards",
    "that",
    "which",
    "as",
    "across",
    "under",
    "using",
    "where",
    "whose",
}


def noun_phrase(phrase: str) -> list[str]:
    """Lower-case words up to the first preposition or relative word, whose last word is the
    head of a simple noun phrase ('large-scale corpus that catalogs' -> [..., 'corpus'])."""
    words: list[str] = []
    for i, word in enumerate(phrase.lower().split()):
        word = word.strip(",.;:'\"")
        if i and word in _PREPOSITIONS:
            break
        if _PARTICIPLE.fullmatch(word) and any(w in cue_words() for w in words):
            break  # "a dataset containing ...", but "a unified model"
        words.append(word)
    return words


_EVALUATION_PURPOSE = re.compile(
    r"\b(?:for|to)\s+(?:the\s+)?(?:evaluat|measur|assess|benchmark|test|probe|probing|diagnos)"
    r"\w*",
    re.IGNORECASE,
)


def head_cue(phrase: str) -> EntityType | None:
    """The type its head word names; 'a benchmark dataset' is a benchmark (guidelines: choose
    benchmark when the text says bench, eval or test)."""
    words = noun_phrase(phrase)
    label = cue_words().get(words[-1]) if words else None
    if len(words) > 1:
        # "Hindi Analogy Test Set", "an evaluation suite": a two-word type word heads it.
        label = cue_words().get(" ".join(words[-2:]), label)
    if label == EntityType.DATASET.value and (
        any(cue_words().get(w) == EntityType.BENCHMARK.value for w in words[:-1])
        # "a dataset for measuring ...": data made for evaluation is a benchmark.
        or _EVALUATION_PURPOSE.search(phrase)
    ):
        return EntityType.BENCHMARK
    if (
        label == EntityType.METHOD.value
        and words[-1] in _EVALUATION_CARRIERS
        and (any(w in _EVALUATION_WORDS for w in words[:-1]) or _EVALUATION_PURPOSE.search(phrase))
    ):
        # "an automated evaluation framework", "a framework to evaluate ...": a resource made
        # for evaluation is a benchmark, whatever it is called.
        return EntityType.BENCHMARK
    if (
        label == EntityType.METHOD.value
        and words[-1] in _EVALUATION_CARRIERS
        and len(words) > 1
        and cue_words().get(words[-2]) == EntityType.METRIC.value
    ):
        return EntityType.METRIC  # "a composite metric framework" is a metric
    return EntityType(label) if label else None


_EVALUATION_CARRIERS = {"framework", "toolkit", "platform", "environment", "protocol", "system"}
_EVALUATION_WORDS = {"evaluation", "benchmarking", "assessment", "testing"}


def title_type(title: str) -> EntityType | None:
    """'GenoTEX: A Benchmark for ...' names a benchmark; 'Nexus-Gen: A Unified Model' a model.
    The type word must head the first phrase after the colon. A phrase that starts with a verb
    ('Aligning Vision Language Models via ...') types only data ('Building a Dataset for')."""
    _head, sep, rest = title.partition(":")
    if not sep:
        return None
    label = head_cue(rest)
    first = rest.split()[0].lower() if rest.split() else ""
    if first in {"benchmarking", "evaluating"}:
        return EntityType.BENCHMARK
    if label in (EntityType.BENCHMARK, EntityType.DATASET, EntityType.METRIC):
        return label
    if label is EntityType.MODEL and not first.endswith("ing"):
        return label
    return None


_LIST_THEN_CUE = re.compile(
    r"^(?:\s*(?:,|and|or|&)\s*(?:the\s+)?[A-Z0-9][\w.-]*)*\s*(?:,\s*)?(?:and\s+)?"
    r"(?:the\s+)?(benchmarks?|datasets?)\b"
)
# Each name is followed by exactly one separator, so the pattern stays linear: nested optional
# separators here once took minutes on a run of capitalized words.
_ON_BEFORE = re.compile(
    r"\b(?:on|across|over)\s+(?:the\s+|both\s+|all\s+)?"
    r"(?:[A-Z0-9][\w.+-]*(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+))*$"
)
_CLOSED_LIST = re.compile(r"\band\s+[A-Z0-9][\w.+-]*\s*,\s*$")
_EVALUATION = re.compile(
    r"evaluat|experiment|result|outperform|achiev|perform|score|accura", re.IGNORECASE
)


def type_from_list(text: str, start: int, end: int, sentence: str) -> EntityType | None:
    """'on MT-Bench, AlpacaEval and Arena-Hard benchmarks', 'experiments on GSM8K'."""
    match = _LIST_THEN_CUE.match(text[end : end + 120])
    if match:
        return EntityType(cue_words()[match.group(1).lower()])
    before = text[max(0, start - 80) : start]
    listed = _ON_BEFORE.search(before)
    # "Evaluated on BABE and BASIL, HierBias achieves": "and" closed the list before the comma.
    if listed and not _CLOSED_LIST.search(listed.group(0)) and _EVALUATION.search(sentence):
        return EntityType.BENCHMARK
    return _list_header(text[max(0, start - 200) : start])


_HEADER_WORD = re.compile(r"\b([A-Za-z]+)\s*$")


def _list_header(before: str) -> EntityType | None:
    """'three core challenges: tracking evolving values (PG-Follow), ...': an item of a list
    after a colon has the type its header names. The last colon is the list's, when a space
    follows it and no full stop or semicolon comes between it and the name."""
    colon = before.rfind(":")
    tail = before[colon + 1 :]
    if colon < 0 or not tail[:1].isspace() or "." in tail or ";" in tail:
        return None
    match = _HEADER_WORD.search(before, max(0, colon - 60), colon)
    if not match:
        return None
    word = match.group(1).lower()
    label = cue_words().get(word) or cue_words().get(word.removesuffix("s"))
    return EntityType(label) if label else None


def _defines(entry: gazetteer.Entry, definition: Definition) -> bool:
    """Whether a text's definition agrees with the gazetteer: same long form, or one that is
    no more than a spelling away ('Direct Preference Optimisation')."""
    long_key = name_key(definition.long)
    known = {name_key(n) for n in (entry.name, *entry.aliases)}
    return (
        long_key in known
        or any(
            k[:8] == long_key[:8] and abs(len(k) - len(long_key)) <= 3 for k in known if len(k) > 8
        )
        or len(known) == 1
    )


def _definition_label(definition: Definition) -> EntityType | None:
    """Type from the long form's head word: '... Benchmark (XB)' is a benchmark, 'Holistic
    Evaluation of Multimodal Models (HEMM)' too. Only data and metric heads count: 'Bounded
    Confidence Model (BCM)' names a method."""
    return _long_form_label(definition.long)


@lru_cache(maxsize=1 << 14)
def _long_form_label(long_form: str) -> EntityType | None:
    words = noun_phrase(long_form)
    heads = definition_heads()
    if words and words[-1] in heads:
        return EntityType(heads[words[-1]])
    # The shape of the head phrase only: "Scene Text Editor for ... Real-world data" ends in
    # "data" but names an editor.
    head = " ".join(long_form.split()[: len(words)]) if words else long_form
    label = head_cue(long_form) or type_from_shape(head)
    if label in (EntityType.BENCHMARK, EntityType.DATASET, EntityType.METRIC):
        return label
    return None


@cache
def definition_heads() -> dict[str, str]:
    return dict(resources.type_cues()["_definition_heads"])


_TYPE_VALUES = frozenset(t.value for t in EntityType)


def _select(spans: Iterable[Span]) -> list[Span]:
    """Longest candidates first; among equal spans the rule with the higher priority."""
    ordered = sorted(
        spans,
        key=lambda s: (
            -(s.end_char - s.start_char),
            _PRIORITY.get(s.id_.partition(":")[0], 9),
            s.start_char,
        ),
    )
    taken: list[Span] = []
    used: set[int] = set()
    for span in ordered:
        if any(i in used for i in range(span.start, span.end)):
            continue
        taken.append(span)
        used.update(range(span.start, span.end))
    return sorted(taken, key=lambda s: s.start_char)


def _evidence(doc: Doc, start: int) -> Evidence:
    first, last = sentence_at(doc, start)
    return Evidence(doc_text(doc)[first:last], first, last)


def _proposal_spans(doc: Doc) -> Iterator[Span]:
    title = doc_text(doc).split("\n\n", 1)[0]
    head_label = title_type(title)
    for start, end, rule in doc._.kg_proposals:
        label = head_label.value if rule == "title-head" and head_label else "Name"
        # The candidate's id names the proposal rule that found it ("proposal:title-head").
        span = token_span(doc, start, end, label, f"proposal:{rule}")
        if span is not None:
            yield span


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")


def _coined_here(definition: Definition, doc: Doc) -> bool:
    """An acronym that no gazetteer knows, defined in a sentence where the authors speak ("we",
    "our"), for a long form that names neither a task nor a field, is most often the paper's
    own: papers spell out the acronyms they coin ("Weighted Knowledge Distillation (WKD)")."""
    first, last = sentence_at(doc, definition.short_start)
    text = doc_text(doc)
    # "personally identifiable information (PII)": a long form in lower case is a term in use;
    # a coinage is capitalized ("Weighted Knowledge Distillation (WKD)"). "Experiments on the
    # Human Connectome Project (HCP) dataset ... our method": a name after "on" or "from" is
    # what the authors use.
    return (
        not definition.long.islower()
        and not _USED_BEFORE.search(
            text, max(first, definition.long_start - 12), definition.long_start
        )
        and bool(_FIRST_PERSON.search(text, first, last))
        and _coined_shape(definition)
    )


_USED_BEFORE = re.compile(r"\b(?:[Oo]n|[Ff]rom)\s+(?:the\s+)?$")


def _coined_shape(definition: Definition) -> bool:
    """A definition that can be the paper's own coinage: unknown to the gazetteer, naming
    neither a task nor a field, and an acronym of three letters or more."""
    return (
        gazetteer.lookup(definition.short) is None
        and gazetteer.lookup(definition.long) is None
        and not names_task(definition.long)
        and sum(c.isalpha() for c in definition.short) >= 3
    )


def _background_before(doc: Doc, surface: str, start: int, first_claim: int) -> bool:
    """'... compatibility with diffusion transformers (DiTs). ... we propose X, a framework for
    personalization in DiT': a name the abstract's background used (the sentences before its
    first claim, where the authors neither speak nor present anything) is earlier work, even
    inside a claim."""
    text = doc_text(doc)
    title_end = text.find("\n\n")
    for first, last in sentence_bounds(doc):
        if last > min(start, first_claim):
            return False
        if (
            first > title_end
            and any(contains_name(text[first:last], form) for form in (surface, f"{surface}s"))
            and not _FIRST_PERSON.search(text, first, last)
            and not _PRESENTS.search(text, first, last)
        ):
            return True
    return False


# "It introduces a new ... benchmark": a sentence that presents something is no background.
_PRESENTS = re.compile(r"\b(?:introduces|presents|proposes|releases|contributes)\b")


def _own_names(text: str, proposals: Iterable[tuple[int, int, str]]) -> set[str]:
    """New names the paper introduces ('Context-Alignment'), not known ones it builds on."""
    names = {text[s:e] for s, e, _rule in proposals}
    return {n for n in names if len(n) >= 4 and gazetteer.lookup(n) is None and not is_generic(n)}


def _part_of_own(definition: Definition, doc: Doc, own_names: set[str]) -> bool:
    """An acronym coined for a part of the paper's own contribution: its long form or its
    sentence names that contribution ('Demonstration Examples based Context-Alignment (DECA)',
    'The pre-training of ConceptCLIP involves ... (IT-Align)'), unless the sentence turns to
    other work before it ('ConceptCLIP outperforms ...')."""
    if not own_names or not _coined_shape(definition):
        return False

    def names_own(part: str) -> bool:
        return any(contains_name(part, n) for n in own_names)

    if names_own(definition.long):
        return True
    text = doc_text(doc)
    first, _last = sentence_at(doc, definition.short_start)
    lead = text[first : definition.short_start]
    words = definition.long.lower().split()
    # In the sentence, only a part: a module, an adapter, a reward... or a hyphenated coinage
    # ('IT-Align'); 'USAM-Net combines the Segment Anything Model (SAM)' uses a known model.
    part = "-" in definition.short or (bool(words) and words[-1] in _component_heads())
    return part and not OTHER_WORK.search(lead) and names_own(lead)


@cache
def _component_heads() -> frozenset[str]:
    return resources.component_heads()


def mentions(doc: Doc) -> list[Mention]:
    """Typed, filtered mentions of one paper's doc."""
    definitions: dict[str, Definition] = {}
    long_forms: dict[str, Definition] = {}
    # "Knowledge Graphs (KG)": the acronym of a generic long form is generic too.
    generic_short: set[str] = set()
    for definition in doc._.kg_definitions:
        if is_generic(definition.short) or is_generic(definition.long):
            generic_short.add(name_key(singular(definition.short)))
            continue
        definitions.setdefault(name_key(singular(definition.short)), definition)
        long_forms.setdefault(name_key(definition.long), definition)
    proposals = list(doc._.kg_proposals)
    ranges = [(d.long_start, d.long_end, d) for d in doc._.kg_definitions]
    # "we propose Multi-Action-Head DPO (MAH-DPO)": proposing the long form proposes the acronym.
    # These derived ranges, like claims, never make a known (gazetteer) name proposed.
    claims = list(doc._.kg_claims)
    title = doc_text(doc).split("\n\n", 1)[0].lower()
    own_names = _own_names(doc_text(doc), proposals)
    for start, end, definition in ranges:
        if (
            any(s < end and start < e for s, e, _ in proposals)
            # "Self-Play Preference Optimization for ...": the title opens with the long form,
            # unless it names a task ("Interactive Medical Image Segmentation: A Benchmark").
            or (title.startswith(definition.long.lower()) and not names_task(definition.long))
            # "our approach, X (ACR)", "a new dataset (ACR)"
            or OWN_BEFORE.search(doc_text(doc)[max(0, start - 60) : start])
            or OWN_BEFORE.search(
                doc_text(doc)[max(0, definition.short_start - 60) : definition.short_start]
            )
            or _coined_here(definition, doc)
            or _part_of_own(definition, doc, own_names)
        ):
            claims.append((definition.short_start, definition.short_end))
    candidates = list(doc.spans.get(CANDIDATES, [])) + list(_proposal_spans(doc))
    # Names inside URLs are path segments, not mentions.
    text = doc_text(doc)
    has_url = "/" in text or "www." in text  # what either branch of _URL_SPAN needs
    urls = [(m.start(), m.end()) for m in _URL_SPAN.finditer(text)] if has_url else []
    if urls:
        candidates = [c for c in candidates if not any(s <= c.start_char < e for s, e in urls)]
    found: list[Mention] = []
    for span in _select(candidates):
        inside = any(
            s <= span.start_char
            and span.end_char <= e
            and (s, e) != (span.start_char, span.end_char)
            for s, e, _ in ranges
        )
        if inside and span.id_ != "gazetteer":
            continue
        if name_key(singular(span_text(span).strip(" .,;:"))) in generic_short:
            continue
        mention = _mention(doc, span, definitions, long_forms, proposals, claims)
        if mention is not None:
            found.append(mention)
    typed = _family_models(types_from_lists(_said_types(found, text), text))
    return _named_parents([m for m in typed if not weak_evidence(m)])


def _said_types(found: list[Mention], text: str) -> list[Mention]:
    """'we introduce MM-RLHF, a dataset of ...': where the text says what a new name is, every
    mention of that name in the paper takes the type, over what its shape suggests elsewhere."""
    said: dict[str, EntityType] = {}
    for mention in found:
        if mention.rule != "gazetteer" and mention.canonical not in said:
            label = type_from_appositive(text, mention.end)
            if label is not None:
                said[mention.canonical] = label
    # Guidelines: benchmark wins where a text says both ("NormAd: A Benchmark ...", "NormAd, a
    # novel dataset").
    # The name counts too: "AuditoryBench, a dataset of ..." is a benchmark.
    for mention in found:
        if said.get(mention.canonical) is EntityType.DATASET and (
            mention.label is EntityType.BENCHMARK or _SAYS_BENCHMARK.search(mention.canonical)
        ):
            said[mention.canonical] = EntityType.BENCHMARK
    return [
        replace(m, label=said[m.canonical], typed_by_default=False)
        if m.rule != "gazetteer" and said.get(m.canonical, m.label) is not m.label
        else m
        for m in found
    ]


def _named_not_task(
    text: str, definition: Definition, proposals: list[tuple[int, int, str]]
) -> bool:
    """A long form shaped like a task that still names a thing: a proposal rule covers it ('we
    propose Interleaved Reasoning for Motion Generation (IRMoGen)') or a kind word follows the
    acronym ('... Quality Assessment (ISRGen-QA) dataset', '(MAGEN) system')."""
    if any(
        s < max(definition.long_end, definition.short_end)
        and min(definition.long_start, definition.short_start) < e
        for s, e, rule in proposals
        if rule != "claim"  # a title-case phrase in a claim: "a benchmark for Visual ... Reasoning"
    ):
        return True
    # A singular kind only: "ZSAD methods", "KGQA benchmarks" are those of a task; and a name,
    # not a description: "a super-resolution (SR) network" is a network for the task.
    if definition.long.islower() and definition.short.isupper():
        return False
    match = _WORDS_AFTER.match(text, definition.short_end, definition.short_end + 60)
    word = match.group(1).lower() if match else ""
    return (word in cue_words() or word in _component_heads()) and not word.endswith("s")


def _named_parents(found: list[Mention]) -> list[Mention]:
    """'RLHF-V' names RLHF even where RLHF is not written alone: add the known method a
    hyphenated method name is built on, so its variantOf link has both ends."""
    present = {m.canonical for m in found}
    added: list[Mention] = []
    for mention in found:
        if mention.label is not EntityType.METHOD or mention.rule == "gazetteer":
            continue
        offset = mention.start
        for part in mention.text.split("-"):
            entry = gazetteer.lookup(part) if len(part) >= 3 and part.isupper() else None
            if (
                entry is not None
                and entry.label is EntityType.METHOD
                and entry.name not in present
                and part in (entry.name, *entry.aliases)
            ):
                present.add(entry.name)
                added.append(
                    replace(
                        mention,
                        text=part,
                        canonical=entry.name,
                        start=offset,
                        end=offset + len(part),
                        rule="name-part",
                        alias=None,
                        proposed=False,
                        typed_by_default=False,
                    )
                )
            offset += len(part) + 1
    return found + added


def _family_models(found: list[Mention]) -> list[Mention]:
    """A name typed by default is a model when the text also names it with a size or version:
    'Aquila2' beside 'Aquila2-34B'."""
    models = [m.text for m in found if m.label is EntityType.MODEL]
    return [
        replace(m, label=EntityType.MODEL, typed_by_default=False)
        if m.typed_by_default
        and any(t.startswith(m.text) and _SIZE_OR_VERSION.match(t, len(m.text)) for t in models)
        else m
        for m in found
    ]


def _subset_after(text: str, end: int) -> str:
    """' Diamond' after a benchmark's name (ontology/lexicon/subset_words.txt), else ''."""
    match = _NEXT_WORD.match(text, end)
    if match is None or match.group(1) not in resources.word_list("subset_words"):
        return ""
    return match.group(0)


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")


def _known_plural(surface: str) -> gazetteer.Entry | None:
    """'Diffusion U-Nets', 'ResNets': the plural of a known name with capitals inside is that
    name (plain words such as 'Transformers' are left to the gazetteer's own forms)."""
    if len(surface) < 5 or not surface.endswith("s") or not re.search(r"[A-Z]", surface[1:]):
        return None
    return gazetteer.lookup(surface[:-1])


def _known_combination(name: str) -> bool:
    """'SFT+RLHF', 'PPO/DPO': known methods written together are not a new name."""
    if "+" not in name and "/" not in name:
        return False
    parts = re.split(r"[+/]", name)
    return len(parts) > 1 and all(
        p and (gazetteer.lookup(p) is not None or is_generic(p)) for p in parts
    )


def _mention(
    doc: Doc,
    span: Span,
    definitions: dict[str, Definition],
    long_forms: dict[str, Definition],
    proposals: list[tuple[int, int, str]],
    claims: list[tuple[int, int]],
) -> Mention | None:
    text = doc_text(doc)
    surface = span_text(span).strip(" .,;:")
    if len(surface) < 2 or is_generic(surface) or _known_combination(surface):
        return None
    start, end = span.start_char, span.start_char + len(surface)
    evidence = _evidence(doc, start)
    overlaps = any(s <= start < e or start <= s < end for s, e, _ in proposals)
    # A known (gazetteer) name is proposed only by the head of the title: "RAFT: ...", or by a
    # title that opens with its long form: "Self-Play Preference Optimization for ...".
    proposed = any(s == start and rule == "title-head" for s, _e, rule in proposals)
    name = singular(surface)
    alias = None
    label: EntityType | None = None
    by_default = False
    typed_by = ""
    definition = definitions.get(name_key(name))
    long_definition = long_forms.get(name_key(surface))
    if long_definition is not None:
        # The long form of a definition: the entity is the acronym.
        name, alias, definition = long_definition.short, surface, long_definition
        name = singular(name)
    # The text's own acronym wins over a gazetteer alias of its long form.
    entry = (
        gazetteer.lookup(name)
        if long_definition
        else (gazetteer.lookup(name) or gazetteer.lookup(surface) or _known_plural(surface))
    )
    if entry is None and span.id_ == "gazetteer" and not long_definition:
        entry = gazetteer.lookup(span.kb_id_)  # "Kandinsky v2.2": the name plus a version
    if entry is not None and definition is not None and not _defines(entry, definition):
        # The text defines the acronym otherwise: ASR is "automatic speech recognition" here,
        # not the gazetteer's "attack success rate".
        entry = None
        if span.id_ == "gazetteer":
            span = Span(doc, span.start, span.end, label="Name", span_id="shape")
    if span.id_ == "gazetteer" or (entry is not None and span.id_ != "model-shape"):
        if entry is None:
            return None
        label = entry.label
        canonical = entry.name
        subset = (
            _subset_after(text, end) if label in (EntityType.BENCHMARK, EntityType.DATASET) else ""
        )
        if subset:
            # "GPQA Diamond": the subset the paper evaluates on.
            surface, end, canonical = (
                text[start : end + len(subset)],
                end + len(subset),
                canonical + subset,
            )
        title = text.split("\n\n", 1)[0].lower()
        proposed = proposed or any(
            " " in n and title.startswith(n.lower()) and title.startswith((":", " for "), len(n))
            for n in (entry.name, *entry.aliases)
        )
        if " " in surface and surface.islower() and long_definition is None:
            # Guidelines: a lower-case description with no acronym is not a name.
            return None
        if definition is not None and name_key(definition.long) != name_key(canonical):
            alias = definition.long
    else:
        canonical = name
        # A new name in the rest of a "we propose ..." sentence is part of the contribution,
        # unless the sentence draws on it: "431K videos from OpenVid-1M".
        proposed = (
            overlaps
            or (
                span.id_ != "model-shape"
                and any(s <= start < e for s, e in claims)
                and not _SOURCE_BEFORE.search(text, max(0, start - 12), start)
                # The first claim the text makes, not a derived range (an acronym coined in
                # the background, "whole slide images (WSIs)", would end the background early).
                and not _background_before(
                    doc, surface, start, min((s for s, _e in doc._.kg_claims), default=start)
                )
            )
            or (
                span.id_ != "model-shape"
                and bool(OWN_BEFORE.search(text[max(0, start - 60) : start]))
            )
        )
        head = surface.rpartition(" ")[0]
        if span.id_ == "titled-phrase" and " " not in head and is_coined(head):
            # "FollowRAG Benchmark": the name is FollowRAG, the phrase an alias.
            canonical, alias = head, surface
        # "4D Gaussian Splatting (4DGS)", "(3D-RoPE)": a defined acronym may open with a digit.
        defined_digit = (
            definition is not None and surface[0].isdigit() and is_coined(surface.split("-")[-1])
        )
        if span.id_ != "model-shape" and not plausible(surface, span.id_):
            if not defined_digit:
                return None
            # Only a proposal rule, not the sentence's "we", makes such a name the paper's own:
            # "lifting them into 4D Gaussian Splatting (4DGS)" uses a known technique.
            proposed = overlaps
        if span.id_ == "proposal:claim" and names_task(surface):
            return None  # "a benchmark for Visual Symbolic Compositional Reasoning": a task
        if definition is not None:
            # Two-letter acronyms name concepts (KG, NL, FL), not techniques, unless introduced.
            if (
                sum(c.isalpha() for c in singular(definition.short)) <= 2
                and not proposed
                and gazetteer.lookup(definition.long) is None
            ):
                return None
            alias = alias or definition.long
            # A task's long form is a task even in a claim ("an INR method that integrates
            # super-resolution (SR)"), unless a proposal rule or a kind word names it.
            if names_task(definition.long) and not _named_not_task(text, definition, proposals):
                return None
            label = _definition_label(definition)
        if span.label_ in _TYPE_VALUES:
            label = label or EntityType(span.label_)
        if (
            span.id_.startswith("proposal")
            and is_compound(surface)
            and re.match(r"\s+[a-z]", text[end : end + 2])
        ):
            # "we introduce Sinhala-English alignment datasets": a modifier, not a name.
            return None
        if label is None and (known := type_from_known_base(name)) is not None:
            label, typed_by = known, "known-base"
        if label is None and (family := model_from_parts(name)) is not None:
            label, typed_by = family, "model-parts"
        label = (
            label
            or type_from_kind_before(text, start, end)
            or _said_or_shaped(text, end, name)
            or type_from_context(text, start, end)
            or (
                None
                if span.id_ == "model-shape"
                else type_from_list(text, start, end, evidence.sentence)
            )
        )
        if label is None and metric_from_score(text, start, end, surface):
            label, typed_by = EntityType.METRIC, "score"
        if label is None and not proposed and benchmark_from_setting(text, end):
            label, typed_by = EntityType.BENCHMARK, "setting"
        # "a pre-trained Universal Speech Model (USM)": the words before the long form count.
        opening = min(start, definition.long_start) if definition is not None else start
        if label is None and model_from_pretrained(text, opening):
            label, typed_by = EntityType.MODEL, "pretrained"
        if label is None:
            label, by_default = EntityType.METHOD, True
        elif label is EntityType.DATASET and _SAYS_BENCHMARK.search(canonical):
            # Guidelines: between the two, a name that says bench, eval or test is a benchmark.
            label = EntityType.BENCHMARK
    if (
        label is EntityType.MODEL
        and _MODIFIER_AFTER.match(text[end : end + 12])
        and not re.search(r"\d", surface)
    ):
        # "GPT models", "BERT-based": a model family named as a modifier.
        return None
    return Mention(
        text=surface,
        label=label,
        start=start,
        end=end,
        sentence=evidence,
        rule=span.id_ or "shape",
        canonical=canonical,
        alias=alias,
        proposed=proposed,
        typed_by_default=by_default,
        typed_by=typed_by,
    )


def extract(paper: Paper, doc: Doc) -> Extraction:
    found = mentions(doc)
    text = doc_text(doc)
    sentences = [Evidence(text[s:e], s, e) for s, e in sentence_bounds(doc)]
    results = tuple(
        Result(
            benchmark=c.benchmark.canonical or c.benchmark.text,
            value=c.value,
            unit=c.unit,
            kind=c.kind,
            evidence=c.evidence,
            baseline=c.baseline,
            metric=c.metric,
            model=(c.model.canonical or c.model.text) if c.model else None,
        )
        for c in find_claims(sentences, found)
    )
    tasks = find_tasks(text, sentences, found)
    # The rules read LaTeX masked; the evidence quotes the paper (same offsets).
    return quote_original(Extraction(paper, tuple(found), tuple(find_links(doc)), results, tasks))
