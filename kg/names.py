"""Names no gazetteer lists, found by their shape: coined tokens (GRAO, AlignDiff, Curry-DPO,
GSM8K), model names (a family followed by versions and sizes: Llama-3.1-8B-Instruct, Claude 3.5
Sonnet) and capitalized phrases that end in a type word (Open LLM Leaderboard, Vicuna Benchmark).

Regular expressions run over the text and are mapped to token spans with `Doc.char_span`, so the
spans line up with spaCy's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import resources
from kg.gazetteer import CANDIDATES
from kg.normalize import doc_text

# A word with inner hyphens, dots, slashes or pluses: "Llama-3.1-8B", "PG-Follow", "f-DVL".
TOKEN = re.compile(r"(?<![\w@/.-])[A-Za-z0-9][\w]*(?:[-.+*][\w]+)*(?:\+\+)?(?![\w@])")
# Ordinary words with capitals picked out to spell an acronym: "alignMEnt", "PReference",
# "eXplainable", "aNd" (from "PReference Orchestrator (PRO)").
_SPELLED_ACRONYM = re.compile(
    r"^(?:[a-z]+[A-Z]{1,2}[a-z]+|[A-Z]{2}[a-z]{4,}|[A-Z][a-z]+[A-Z]{2}[a-z]{2,})$"
)
_STOP_SHAPES = re.compile(
    r"^(?:\d+(?:\.\d+)?[a-zA-Z]?|[A-Z][a-z]+|[a-z]+|[IVX]+|\d+[DdKkMmBbx]\d*)$"
)


@lru_cache(maxsize=1 << 16)
def is_coined(word: str) -> bool:
    """A token that is a name by its shape rather than an ordinary (capitalized) word."""
    if len(word) < 2 or _STOP_SHAPES.match(word) or _SPELLED_ACRONYM.match(word):
        return False
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    upper = sum(c.isupper() for c in letters)
    if is_compound(word):
        return False
    if upper >= 2:
        return True
    # One capital after the first character ("rDPO" has two; "eSports" one): CamelCase-ish.
    if upper == 1 and not word[0].isupper() and re.search(r"[a-z][A-Z]", word):
        return True
    # A digit inside letters: "GSM8K", "Qwen2", "o1" excluded by the length of letters.
    return bool(re.search(r"[A-Za-z]\d|\d[A-Za-z]", word)) and word[0].isalpha() and upper >= 1


CONNECTORS = {"to", "of", "the", "a", "an", "and", "in", "on", "for", "with", "by", "vs", "or"}


@cache
def _generic_lower() -> frozenset[str]:
    return frozenset(g.lower() for g in resources.word_list("generic"))


def is_compound(word: str) -> bool:
    """Hyphenated ordinary words are compounds, not names: 'Human-AI', 'LLM-based',
    'Text-to-Image', 'KL-regularized'. A name has a coined part: 'Curry-DPO', 'Best-of-N'."""
    parts = re.split(r"-", word)
    if len(parts) < 2:
        return False
    affixes = resources.word_list("compound_affixes")
    # "post-SFT", "Non-SFT", "MCTS-Driven", "text-to-PDDL": a prefix, an adjective or a "to"
    # between two things makes a compound ("Pre-PPO" aside, which a name would capitalize).
    if (parts[0].islower() and parts[0] in affixes) or parts[-1].lower() in affixes:
        return True
    if "to" in parts[1:-1]:
        return True
    generic = _generic_lower()
    # An adjective suffix: "-based", "-free", "-trained", "-driven".
    if re.fullmatch(r"[a-z]{4,}", parts[-1]) and parts[-1] not in {"max", "mini"}:
        return True
    # "text-to-3D", "image-to-4D": a dimension is an ordinary word there.
    return all(
        re.fullmatch(r"[A-Z]?[a-z]+|[1-4]D", p) or p.lower() in generic or p.lower() in CONNECTORS
        for p in parts
    )


@cache
def _task_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.word_list("task_heads"))


@lru_cache(maxsize=1 << 16)
def names_task(long_form: str) -> bool:
    """A long form naming a task or field ('3D Object Detection'), or a class of models."""
    words = long_form.lower().replace("-", " ").split()
    if not words:
        return True
    heads = _task_heads()
    # "human-object interactions (HOI)": the plural of a task head too.
    return (
        words[-1] in heads or words[-1].removesuffix("s") in heads or " ".join(words[-2:]) in heads
    )


# What (?i) lets an ASCII letter match besides its two cases.
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def caseless(char: str) -> str:
    """A pattern for one character in either case: '[qQ]' for a letter, as (?i:q) matches.
    Python's re folds the case of every character it compares under (?i): the model-family
    scan of 3,000 abstracts took 0.31 s CPU with it and 0.26 s with classes."""
    if char.isascii() and char.isalpha():
        low = char.lower()
        return f"[{low}{low.upper()}{_FOLDS.get(low, '')}]"
    return f"(?i:{re.escape(char)})" if char.lower() != char.upper() else re.escape(char)


def word_trie(words: list[str], fold: bool = False) -> str:
    """One regex alternation for many words, nested by shared prefix ('bloom(?:z)?'): Python's
    re tries the branches of a flat alternation one by one at every word start, and a trie
    makes that one branch per character instead. Spaces match a space or a hyphen; with
    `fold`, letters match in either case."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            (caseless(char) if fold else re.escape(char)).replace(r"\ ", r"[\s-]") + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@cache
def _family_pattern() -> re.Pattern[str]:
    families = resources.word_list("model_families")
    words = (
        "turbo|instruct|chat|it|pro|flash|ultra|mini|nano|opus|sonnet|haiku|large|xl|xxl|"
        "small|medium|alpha|coder|math|preview|hf|sft|dpo|rlhf|next|omni|max|plus"
    )
    version = (
        # "ViT 86.54": a score after a space, not a version.
        r"(?:(?!\s\d+\.\d\d)[\s-]?v?\d+(?:\.\d+)*(?:[a-z]{1,2})?(?:[xX]\d+)?[BbMmKk]?(?![\w])"
        rf"|[\s-](?i:{words})(?![\w])"
        # "Whisper-Style", "GPT-Like": a modifier, not a variant.
        r"|-(?!(?:Style|Like|Based|Inspired)\b)[A-Z][A-Za-z0-9]*(?![\w])"
        r"|-[a-z]\d[\w]*(?![\w])"
        r"|-\d+(?:\.\d+)?[BbMm](?![\w]))"
    )
    return re.compile(
        rf"(?<![\w-])(?:{word_trie(sorted(families), fold=True)})(?:{version})*(?![\w])"
    )


def find_models(text: str) -> Iterator[tuple[int, int]]:
    """Model names: a known family, then versions, sizes and variant words."""
    for match in _family_pattern().finditer(text):
        name = match.group(0)
        # A lone lower-case family word is an ordinary word ("phi", "command", "flux").
        if name.islower() and " " not in name and not any(c.isdigit() for c in name):
            continue
        yield match.start(), match.end()


@cache
def cue_words() -> dict[str, str]:
    """Lower-case cue word -> entity type, from ontology/lexicon/type_cues.json."""
    return {
        w.lower(): label
        for label, words in resources.type_cues().items()
        if not label.startswith("_")
        for w in words
    }


_TYPE_WORDS = (
    "Benchmark",
    "Leaderboard",
    "Dataset",
    "Corpus",
    "Suite",
    "Arena",
    "Challenge",
    "Competition",
    "Score",
)
# Space between the words of a phrase: never a blank line, which ends the title.
_GAP = r"(?=\s)[^\S\n]*\n?[^\S\n]*"
_TITLED_PHRASE = re.compile(
    rf"(?<![\w-])(?=[A-Z])((?:[A-Z][\w-]*(?:\.[\w-]+)*{_GAP}){{0,4}}?(?:[A-Z][\w-]*(?:\.[\w-]+)*){_GAP}"
    # "Domain Score Distillation": a type word the phrase runs past is not its head.
    # "Corpus-Level Trace Diagnostics": a type word joined to the next word is a modifier.
    rf"({'|'.join(_TYPE_WORDS)}))\b(?![ \t]+[A-Z][a-z]|-\w)"
)
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an|A|An)\s+$")


def find_titled_phrases(text: str) -> Iterator[tuple[int, int, str]]:
    """Capitalized phrases ending in a type word: 'Open LLM Leaderboard', 'Vicuna Benchmark'."""
    if not any(word in text for word in _TYPE_WORDS):
        return  # most abstracts have none, and a substring test is far quicker than the scan
    for match in _TITLED_PHRASE.finditer(text):
        label = cue_words().get(match.group(2).lower())
        words = match.group(1).split()[:-1]
        # "with a Large-Scale Longitudinal Dataset": after "a", ordinary words describe.
        if _ARTICLE_BEFORE.search(text, max(0, match.start() - 4), match.start()) and not any(
            is_coined(w) for w in words
        ):
            continue
        if label:
            yield match.start(1), match.end(1), label


# "HH-RLHF", "AlpacaEval 2.0", "miniF2F"; never a full stop.
_NAME_WORD = r"(?:[A-Z]|[a-z]+(?=[\w-]*[A-Z0-9]))[\w-]*(?:\.\w+)*"
# A capitalized word or a number ("Argoverse 2"), not "256times" (LaTeX's "256\\times 256").
_NEXT_WORD = r"(?:[A-Z][\w-]*(?:\.\w+)*|\d+(?:\.\d+)*[A-Za-z]?(?:-\w+)*(?![\w-]))"
_ITEM_PATTERN = rf"{_NAME_WORD}(?:[ ]+{_NEXT_WORD}){{0,3}}"
_CUE_THEN_NAMES = re.compile(
    r"(?=[bdcl])\b(?:(?P<cue>benchmark|dataset|corpus|leaderboard)(?:\s+(?:called|named|dubbed))?\s+"
    r"|(?P<cues>benchmarks|datasets|corpora)"
    r"(?:,?\s+(?:such as|including|like|namely))?\s*[:(,]?\s*)"
    rf"(?P<list>{_ITEM_PATTERN}(?:\s*,\s*(?:and\s+)?{_ITEM_PATTERN}|\s+and\s+{_ITEM_PATTERN})*)"
)
_ITEM = re.compile(_ITEM_PATTERN)


def find_cued_names(text: str) -> Iterator[tuple[int, int, str]]:
    """Names right after a type word: 'the benchmark Healthbench', 'two datasets,
    Ultrafeedback-Binarized and HH-RLHF', '5 benchmarks (AlpacaEval 2.0, FLASK, Koala)'."""
    cues = cue_words()
    for match in _CUE_THEN_NAMES.finditer(text):
        label = cues.get((match.group("cue") or match.group("cues")).lower())
        if label is None:
            continue
        offset = match.start("list")
        items = list(_ITEM.finditer(match.group("list")))
        # "Across benchmarks, COVER reduces ...": after a bare comma one name opening a clause
        # is the sentence's subject, not the list "two datasets, X and Y" announces.
        if (
            match.group("cues")
            and len(items) == 1
            and text[match.end("cues") : match.start("list")].strip() == ","
            and re.match(r"\s+[a-z]", text[match.end("list") : match.end("list") + 2])
        ):
            continue
        for item in items:
            name = item.group(0).rstrip(".")
            if name.split()[0] in {"The", "A", "An", "We", "Our", "In", "This"}:
                continue
            yield offset + item.start(), offset + item.start() + len(name), label


# "Experiments on Fundus and M&Ms benchmarks", "on the MVTec 3D-AD and Eyecandies datasets",
# "including HD-EPIC and Arti4D data sets": names listed before the type word. The list must
# follow "on", "across", "over" or "including" and hold two names or more, so a single
# capitalized word before "datasets" ("Medical datasets") is no name.
_LIST_ITEM = r"(?:[A-Z][\w&-]*(?:\.\w+)*|[a-z]+[A-Z0-9][\w&-]*)(?:[ ]+(?:[A-Z0-9][\w&-]*))?"
_LIST_ITEM_RE = re.compile(_LIST_ITEM)


@cache
def _names_then_cue() -> re.Pattern[str]:
    """The list before a plural type word, each name after an optional adjective of
    ontology/lexicon/list_adjectives.txt ('the public MIMIC-III and private FEMH datasets')."""
    adjectives = "|".join(sorted(map(re.escape, resources.word_list("list_adjectives"))))
    item = rf"(?:(?:{adjectives})\s+)?{_LIST_ITEM}"
    return re.compile(
        r"(?=[oaiOuw])\b(?:on|across|over|including|On|using|with)\s+"
        r"(?:the\s+|both\s+|two\s+|three\s+)?"
        rf"(?P<list>{item}(?:\s*,\s*{item})*,?\s+and\s+{item})"
        r"\s+(?P<cue>benchmarks|datasets|data sets|corpora)\b"
    )


def find_names_before_cue(text: str) -> Iterator[tuple[int, int, str]]:
    """Names of a list that a plural type word closes: 'on Fundus and M&Ms benchmarks'."""
    if "benchmarks" not in text and "data" not in text and "corpora" not in text:
        return
    cues = cue_words()
    for match in _names_then_cue().finditer(text):
        label = cues.get(match.group("cue").replace("data sets", "datasets"))
        if label is None:
            continue
        offset = match.start("list")
        for item in _LIST_ITEM_RE.finditer(match.group("list")):
            if item.group(0).split()[0] in {"The", "A", "An", "We", "Our", "In", "This"}:
                continue
            yield offset + item.start(), offset + item.end(), label


# TOKEN, only where the word holds a capital after its first character or a digit: a coined
# name always does, and most words of an abstract (capitalized ones too) do not, so is_coined
# is asked about far fewer words.
# The lookahead comes after TOKEN's lookbehind, so it runs at word starts only.
_WORD_START = r"(?<![\w@/.-])"
assert TOKEN.pattern.startswith(_WORD_START)
_MAYBE_COINED = re.compile(
    _WORD_START + r"(?=[\w.+*-]+?[A-Z0-9]|[0-9])" + TOKEN.pattern.removeprefix(_WORD_START)
)


def find_coined(text: str) -> Iterator[tuple[int, int]]:
    for match in _MAYBE_COINED.finditer(text):
        word = match.group(0).rstrip(".")
        if is_coined(word):
            yield match.start(), match.start() + len(word)


def token_span(doc: Doc, start: int, end: int, label: str, rule: str) -> Span | None:
    """The tokens covering a character range, or None when a token runs past it into more
    than punctuation ('models~(LLMs' is one token; 'LLMs' in it is no span of its own)."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    text = doc_text(doc)
    if span is None or (
        text[span.start_char : span.end_char].strip(" .,;:()[]'\"")
        != text[start:end].strip(" .,;:()")
    ):
        return None
    span.id_ = rule
    return span


@Language.factory("kg_names")
def make_names(nlp: Language, name: str) -> NameFinder:
    return NameFinder()


class NameFinder:
    """Adds candidates for coined names (label 'Name', typed later), models and phrases."""

    def __call__(self, doc: Doc) -> Doc:
        group = doc.spans.setdefault(CANDIDATES, [])
        text = doc_text(doc)
        for start, end in find_models(text):
            span = token_span(doc, start, end, "Model", "model-shape")
            if span is not None:
                group.append(span)
        for start, end, label in find_titled_phrases(text):
            span = token_span(doc, start, end, label, "titled-phrase")
            if span is not None:
                group.append(span)
        for start, end, label in (*find_cued_names(text), *find_names_before_cue(text)):
            span = token_span(doc, start, end, label, "cued")
            if span is not None:
                group.append(span)
        for start, end in find_coined(text):
            span = token_span(doc, start, end, "Name", "shape")
            if span is not None:
                group.append(span)
        return doc
