"""Types from the words around a name, for names no gazetteer knows, in every field of ML.

An abstract in vision, speech or medicine rarely says "X, a benchmark for"; it says "0.72 MCC",
"34.7% JGA", "on MIMIC-III and private FEMH datasets", "using Word2Vec, GloVe and GPT-2
embeddings", "two super-resolution GANs, GCFSR and Real-ESRGAN", "in the CARLA simulator".
Each rule here reads one such kind of evidence. Where no rule finds any, the name is left out
(`weak_evidence`) rather than typed Method by default: outside alignment papers most unknown
capitalized names without evidence are sensors, modalities, tasks or formats, not techniques.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache

from kg import gazetteer, resources
from kg.names import cue_words
from kg.normalize import name_key
from kg.records import EntityType, Mention

# A score right before a name: "0.723 MCC", "34.66% JGA", "+4.3% MCC". A bare integer does
# not count ("2 GANs", "2024 AI City Challenge"), nor a size ("7B"); 12 characters cover
# "+12.34 %  " with its spaces.
_SCORE_BEFORE = re.compile(r"(?<![\w.])[+-]?\d+(?:\.\d+)?\s?%\s*$|(?<![\w.])[+-]?\d*\.\d+\s*$")
# A score right after: "an EER of 2.1%", "MCC = 0.72", "JGA: 42.17". 16 characters cover
# " of 100.00" with its spaces.
_SCORE_AFTER = re.compile(r"\s*(?:of|=|:)\s*[+-]?\d+(?:\.\d+)?\s*%?(?![\w.])")
# Metric names written with a score are short: "MCC", "mAUC", "SI-SDRi", "Dice".
_METRIC_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9@-]{0,9}")


def metric_from_score(text: str, start: int, end: int, name: str) -> EntityType | None:
    """'0.72 MCC', 'an EER of 2.1%': a short name written with a score is the score's metric."""
    if not _METRIC_SHAPE.fullmatch(name) or sum(c.isupper() for c in name) < 1:
        return None
    if _SCORE_BEFORE.search(text, max(0, start - 12), start) or _SCORE_AFTER.match(
        text, end, end + 16
    ):
        return EntityType.METRIC
    return None


# "in the CARLA simulator", "ManiSkill3 environments": a place where policies are evaluated.
# A paper's own simulator ("X, a large-scale social simulator") is its method, so only the word
# right after a name counts here, not an appositive.
_SETTING_AFTER = re.compile(r"\s+(?:simulators?|simulation|emulators?|environments?|testbeds?)\b")


def benchmark_from_setting(text: str, end: int) -> EntityType | None:
    """'in the CARLA simulator', 'on ManiSkill3 environments': a simulator evaluated in is a
    benchmark (guidelines)."""
    return EntityType.BENCHMARK if _SETTING_AFTER.match(text, end, end + 16) else None


# What a later version, size or extension adds to a known name: "ScanNet++", "ISIC 2019",
# "WavLM-large", "Llama-3-8B" (models have their own family rule), "COCO-2017".
_VERSION_TAIL = re.compile(
    r"^(?P<base>.+?)(?:\+\+?|[-\s]?[Vv]?\d+(?:\.\d+)*[A-Za-z]?"
    r"|[-\s](?:XL|XXL|L|B|S|M|H|Large|large|Base|base|Small|small|Tiny|tiny|Plus|Pro|Lite))$"
)


@lru_cache(maxsize=1 << 16)
def type_from_known_base(name: str) -> EntityType | None:
    """'ScanNet++' is data as ScanNet is, 'ISIC 2019' a benchmark as ISIC: a known name with a
    version, year or size added keeps the known name's type."""
    match = _VERSION_TAIL.match(name)
    if match is None or len(match.group("base")) < 3:
        return None
    entry = gazetteer.lookup(match.group("base"))
    return entry.label if entry is not None else None


@lru_cache(maxsize=1 << 16)
def model_from_parts(name: str) -> EntityType | None:
    """'FG-CLIP', 'LLaVA-Med', 'Long-CLIP': a hyphenated name built on a known model, and on no
    known method, is a model of that family."""
    parts = [p for p in name.split("-") if len(p) >= 3]
    if len(parts) < 2 and "-" not in name:
        return None
    labels = {e.label for p in parts if (e := gazetteer.lookup(p)) is not None}
    return EntityType.MODEL if labels == {EntityType.MODEL} else None


# "a frozen, pre-trained Universal Speech Model (USM)", "the pretrained WaveTok": what is
# pretrained is a model. 40 characters reach over two modifiers.
_PRETRAINED_BEFORE = re.compile(
    r"\b(?:pre-?trained|fine-?tuned|frozen|open-weights?)\s*,?\s+(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)


def model_from_pretrained(text: str, start: int) -> EntityType | None:
    """'a frozen, pre-trained Universal Speech Model (USM)': a pretrained thing is a model."""
    return EntityType.MODEL if _PRETRAINED_BEFORE.search(text, max(0, start - 40), start) else None


# "We construct a new dataset, STIPLAR (...), for", "A benchmark dataset, RUET-GAIT, is": a kind
# word set off by a comma before a name that is itself set off. Without the closing comma,
# bracket or stop, the name opens a clause ("Given a pre-trained LLM, SolvOPT constructs").
# 60 characters reach over three modifiers.
_KIND_BEFORE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){0,3}?([A-Za-z-]+)\s*,\s*$")
_SET_OFF_AFTER = re.compile(r"\s*(?:[,(.;:]|$)")


def type_from_kind_before(text: str, start: int, end: int) -> EntityType | None:
    """'a new dataset, STIPLAR (...)': the kind named before an appositive name."""
    kind = _KIND_BEFORE.search(text, max(0, start - 60), start)
    if kind is None or not _SET_OFF_AFTER.match(text, end):
        return None
    label = cue_words().get(kind.group(1).lower())
    return EntityType(label) if label and not kind.group(1).lower().startswith("based") else None


# Between two names of one list: a comma, "and", "or", "&", a slash, maybe "the".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+|/)(?:the\s+)?\s*")


@cache
def _model_class_words() -> frozenset[str]:
    return resources.word_list("model_class_words")


def _header_type(text: str, start: int) -> EntityType | None:
    """'two super-resolution GANs, GCFSR and Real-ESRGAN', 'LLMs such as Qwen and Yi': a list
    led by a plural model-class word lists models. 40 characters reach past 'such as'."""
    before = text[max(0, start - 40) : start]
    match = re.search(r"\b([A-Za-z-]+)\s*(?:,|:|\(|such as|including|like)\s*$", before)
    if match and match.group(1) in _model_class_words():
        return EntityType.MODEL
    return None


def _chains(found: Sequence[Mention], text: str) -> list[list[int]]:
    """Indexes of mentions that form one coordinated list ('A, B, and C'), in text order."""
    order = sorted(range(len(found)), key=lambda i: found[i].start)
    chains: list[list[int]] = []
    closed = False  # "on BABE and BASIL, HierBias achieves": "and" ended the list
    for i in order:
        last = chains[-1][-1] if chains else None
        gap = text[found[last].end : found[i].start] if last is not None else ""
        if (
            last is not None
            and found[last].end <= found[i].start
            and _LIST_GAP.fullmatch(gap)
            and not (closed and not re.search(r"\b(?:and|or)\b|&", gap))
        ):
            chains[-1].append(i)
            closed = closed or bool(re.search(r"\b(?:and|or)\b|&", gap))
        else:
            chains.append([i])
            closed = False
    return chains


def types_from_lists(found: list[Mention], text: str) -> list[Mention]:
    """A name with no evidence of its own takes the type of the names it is listed with
    ('Word2Vec, GloVe, and GPT-2 embeddings': GPT-2 is a model, so are the others), or of a
    model-class word leading the list. Only when the typed members agree."""
    out = list(found)
    for chain in _chains(found, text):
        if not any(found[i].typed_by_default for i in chain):
            continue
        labels = {found[i].label for i in chain if not found[i].typed_by_default}
        label = labels.pop() if len(labels) == 1 else None
        if not labels and label is None:
            label = _header_type(text, found[chain[0]].start)
        if label is None:
            continue
        for i in chain:
            if found[i].typed_by_default:
                out[i] = replace(found[i], label=label, typed_by_default=False, typed_by="list")
    return out


@cache
def _architecture_suffixes() -> tuple[str, ...]:
    return tuple(sorted(resources.word_list("architecture_suffixes"), key=len, reverse=True))


_FAMILY_NUMBER = re.compile(r"^([A-Za-z][A-Za-z-]*?[A-Za-z])-?(\d+[A-Za-z]?|[Vv]\d+)$")


@lru_cache(maxsize=1 << 16)
def method_shaped(name: str) -> bool:
    """Names that are techniques by their shape alone: a known method with a depth or version
    ('ResNet50', 'VGG19', 'DenseNet-201'), a coined word ending in an architecture suffix
    ('SwinUNETR', 'PointNet', 'TransFormer'), or a hyphenated name built on a known method
    ('Grad-CAM++', 'PPO-max')."""
    family = _FAMILY_NUMBER.match(name)
    if family:
        entry = gazetteer.lookup(family.group(1))
        if entry is not None and entry.label is EntityType.METHOD:
            return True
    word = name.rstrip("+")
    if " " not in word and any(
        word.endswith(s) and len(word) > len(s) + 1 for s in _architecture_suffixes()
    ):
        return True
    parts = [p for p in re.split(r"[-+/]", name) if p]
    return len(parts) > 1 and any(
        (entry := gazetteer.lookup(p)) is not None and entry.label is EntityType.METHOD
        for p in parts
        if len(p) >= 3
    )


def weak_evidence(mention: Mention) -> bool:
    """Typed by no evidence at all: not proposed, no definition in the text (a long form is
    evidence of a named technique: 'Reference Context Packing (RCP)'), no typing context, and
    no method shape. Such a name is left out, not defaulted to Method. So is a benchmark or
    dataset of two letters typed only by its context ("evaluate on HER2, ER and PR"): an
    undefined two-letter word names a marker or a concept far more often than data."""
    if (
        mention.label in (EntityType.BENCHMARK, EntityType.DATASET)
        and mention.rule != "gazetteer"
        and not mention.proposed
        and mention.alias is None
        and len(mention.canonical or mention.text) <= 2
        and (mention.canonical or mention.text).isalpha()
    ):
        return True
    return (
        mention.typed_by_default
        and not mention.proposed
        and (mention.alias is None or not _names_technique(mention.alias))
        and not method_shaped(mention.canonical or mention.text)
    )


def _names_technique(long_form: str) -> bool:
    """Whether a long form's last word is that of a technique (ontology/lexicon/method_heads.txt):
    "Maximum Mean Discrepancy", not "low-dose computed tomography" or "point of interest"."""
    if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", long_form.strip()):
        return True  # named after its authors: "Bradley-Terry (BT)"
    words = re.split(r"[\s-]+", long_form.strip())
    if not words:
        return True
    if words[-1].isupper():
        # "ordered reliability bits GRAND": built on a named technique; "normal-dose CT" on
        # an imaging modality, which is no technique.
        return name_key(words[-1]) not in _not_name_keys()
    last = [w.lower() for w in words[-2:]]
    # A process noun names a technique: "stochastic weight averaging", "frequency multiplexing".
    return (
        last[-1] in _technique_heads()
        or "-".join(last) in _technique_heads()
        or (len(last[-1]) > 6 and last[-1].endswith("ing"))
    )


@cache
def _technique_heads() -> frozenset[str]:
    """method_heads.txt with the words for a part ('gate', 'module') and for a technique
    ('strategy', 'framework') that type a name next to them."""
    method_cues = resources.type_cues()["Method"]
    return resources.word_list("method_heads") | resources.component_heads() | set(method_cues)


@cache
def _not_name_keys() -> frozenset[str]:
    return frozenset(name_key(w) for w in resources.word_list("not_names"))
