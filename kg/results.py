"""Numeric claims about named benchmarks: "a 13.22% accuracy gain on TruthfulQA using
Llama-3.1-8B", "reduces hallucination rates on MMHal-Bench from 0.624 to 0.514".

A value is paired with a benchmark only when the sentence's shape leaves no doubt: the value
directly followed by "on/in BENCHMARK", the benchmark directly followed by its value(s), or
equal-length lists joined by "respectively". Anything else is left out: a wrong value on a
leaderboard is worse than a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kg import resources
from kg.records import EntityType, Evidence, Mention

# 45.67%, 45.67\%, +4.0%, 0.514, 52.34 points, 5 percentage points
_NUMBER = re.compile(
    r"(?<![\w.\-])(?P<sign>[+\-\u2212])?(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>\\?%|percentage points?\b|points?\b|pp\b)?"
)
_ANY_DIGIT = re.compile(r"\d")
_CHANGE = re.compile(
    r"(?:\bfrom\s+)?(?P<a>[+\-]?\d+(?:\.\d+)?)\s*(?P<ua>\\?%)?\s*(?:->|\u2192|\bto\b)\s*"
    r"(?P<b>[+\-]?\d+(?:\.\d+)?)\s*(?P<ub>\\?%|points?\b)?"
)
# Numbers that count things rather than score them.
_COUNT_AFTER = re.compile(
    r"^\s*(?:[kKmMbB]\b|million|billion|thousand|samples?|examples?|prompts?|pairs?|papers?|"
    r"articles?|subjects?|tasks?|benchmarks?|datasets?|models?|languages?|parameters?|tokens?|"
    r"hours?|days?|steps?|epochs?|GPUs?|users?|annotators?|images?|videos?|questions?|"
    r"responses?|instances?|data\b|times?\b|x\b|\u00d7|-\d|\u2013\d|scale)",
)
_AFTER_THEN_ON = re.compile(
    r"^(?P<gap>[^.;,\d]{0,60}?)\b(?:on|in|at|for|across)\s+(?:the\s+|our\s+)?(?:\w+\s+){0,2}?$"
)
_DELTA_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:gain|gains|improvement|improvements|margin|higher|lower|"
    r"increase|boost|better|reduction|decrease|drop)\b",
    re.IGNORECASE,
)
_DELTA_BEFORE = re.compile(
    r"\b(?:by|margin of|gains? of|improvement of|increase of|reduction of)(?:\s+up\s+to)?\s*$"
    r"|\b(?:gain|improvement|reduction)\w*\W+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_PAIRING_CUES = re.compile(
    r"\b(?:by|from|scores?|accuracy|win|rates?|achiev\w*|reach\w*|margin|improv\w*|gains?|"
    r"reduc\w*|boost\w*|of|with)\b|->|\u2192|:",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(
    r"\b(?:against|than|over|beat|beats|surpass\w*|outperform\w*|vs\.?|versus|"
    r"catch\w* up (?:to|with)|compared (?:to|with)|relative to)\b(?:\W+\S+){0,2}?\W*$"
)


@dataclass(frozen=True)
class Claim:
    """One value about one benchmark, as the sentence states it."""

    benchmark: Mention
    value: float
    unit: str
    kind: str  # "score", "delta" or "change" (then `baseline` holds the old value)
    baseline: float | None
    metric: str | None
    model: Mention | None
    evidence: Evidence


@dataclass(frozen=True)
class _Value:
    start: int
    end: int
    value: float
    unit: str
    baseline: float | None
    signed: bool


@cache
def _metric_pattern() -> re.Pattern[str]:
    terms = sorted(resources.word_list("metric_terms"), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.IGNORECASE
    )


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.replace("\\", "")
    if raw == "%":
        return "%"
    return "pp" if raw.startswith(("percentage", "pp")) else "points"


def find_values(text: str, masked: Sequence[tuple[int, int]]) -> list[_Value]:
    """Score-like numbers in a sentence, skipping those inside names and those that count."""
    values: list[_Value] = []
    if not _ANY_DIGIT.search(text):
        return values  # most sentences hold no number at all
    taken: list[tuple[int, int]] = list(masked)

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in _CHANGE.finditer(text):
        if not free(match.start(), match.end()):
            continue
        unit = _unit(match.group("ub") or match.group("ua"))
        values.append(
            _Value(
                match.start("b"),
                match.end(),
                float(match.group("b")),
                unit,
                float(match.group("a")),
                False,
            )
        )
        taken.append((match.start(), match.end()))
    for match in _NUMBER.finditer(text):
        start, end = match.start("num"), match.end()
        if not free(start, end):
            continue
        unit = _unit(match.group("unit"))
        number = match.group("num")
        after = text[match.end("num") : match.end("num") + 20]
        if not unit and (_COUNT_AFTER.match(after) or "." not in number):
            continue  # integers without a unit are counts, years or sizes
        if re.match(r"\s*(?:[-\u2013]\s*\d|to\s+\d)", text[end : end + 8]) and not unit:
            continue
        values.append(_Value(start, end, float(number), unit, None, bool(match.group("sign"))))
    return sorted(values, key=lambda v: v.start)


def _metric_near(text: str, value: _Value) -> str | None:
    window_start = max(0, value.start - 60)
    best = None
    for match in _metric_pattern().finditer(text, window_start, min(len(text), value.end + 60)):
        distance = min(abs(match.start() - value.end), abs(value.start - match.end()))
        if best is None or distance < best[0]:
            best = (distance, match.group(0).lower())
    return best[1] if best else None


def _model_near(text: str, value: _Value, models: Sequence[Mention], offset: int) -> Mention | None:
    """The closest model in the sentence that is not the one being beaten."""
    best = None
    for model in models:
        start = model.start - offset
        if _COMPARATOR.search(text[max(0, start - 25) : start]):
            continue
        distance = abs(start - value.start)
        if best is None or distance < best[0]:
            best = (distance, model)
    return best[1] if best else None


def _kind(text: str, value: _Value) -> str:
    if value.baseline is not None:
        return "change"
    before = text[max(0, value.start - 30) : value.start]
    if value.signed or _DELTA_BEFORE.search(before) or _DELTA_AFTER.match(text[value.end :]):
        return "delta"
    return "score"


def sentence_claims(
    sentence: Evidence,
    benchmarks: Sequence[Mention],
    models: Sequence[Mention],
    names: Iterable[Mention],
) -> list[Claim]:
    """Claims in one sentence; mentions carry offsets into the paper text."""
    if not benchmarks:
        return []  # most sentences name no benchmark: no need to read their numbers
    text, offset = sentence.sentence, sentence.start
    masked = [(m.start - offset, m.end - offset) for m in names]
    values = find_values(text, masked)
    if not values:
        return []
    marks = sorted(benchmarks, key=lambda m: m.start)
    pairs: list[tuple[_Value, Mention]] = []
    if re.search(r"\brespectively\b", text):
        # "89.80% and 84.34% on MATH-500 and AMC, ... 4.60% and 4.82%, respectively"
        if len(values) % len(marks) == 0 and len(marks) >= 2:
            pairs = [(v, marks[i % len(marks)]) for i, v in enumerate(values)]
    elif _one_list(text, values, marks, offset):
        pairs = list(zip(values, marks, strict=True))
    else:
        for index, value in enumerate(values):
            bench = _benchmark_after(text, value, marks, offset)
            if bench is None and not _names_something_else(text, value):
                bench = _benchmark_before(text, values, index, marks, offset)
            if bench is not None:
                pairs.append((value, bench))
    return [
        Claim(
            bench,
            value.value,
            value.unit,
            _kind(text, value),
            value.baseline,
            _metric_near(text, value),
            _model_near(text, value, models, offset),
            sentence,
        )
        for value, bench in pairs
    ]


def _one_list(text: str, values: Sequence[_Value], marks: Sequence[Mention], offset: int) -> bool:
    """'(AlpacaEval 2.0, MT-Bench, Arena Hard) ... by a +4.0%, +0.1%, +3.0% margin': a list of
    benchmarks, then a list of as many values with nothing but separators between them."""
    if len(values) != len(marks) or len(values) < 2 or values[0].start < marks[-1].end - offset:
        return False
    for left, right in pairwise(values):
        if not re.fullmatch(r"[\s,+]*(?:and\s*)?[+]?", text[left.end : right.start]):
            return False
    return True


def _benchmark_after(
    text: str, value: _Value, marks: Sequence[Mention], offset: int
) -> Mention | None:
    for mark in marks:
        start = mark.start - offset
        if start < value.end:
            continue
        gap = text[value.end : start]
        # Model names between ("28.53% against GPT-4-Turbo on AlpacaEval") are words here.
        gap = re.sub(r"[A-Za-z][\w.-]*\d[\w.-]*", "M", gap)
        if _AFTER_THEN_ON.match(gap):
            return mark
        return None
    return None


def _names_something_else(text: str, value: _Value) -> bool:
    """'5.39% on the Object-Hal benchmark' where Object-Hal is not a known benchmark."""
    return bool(re.match(r"\s*(?:\w+\s+){0,3}?(?:on|in)\s+(?:the\s+)?[A-Z]", text[value.end :]))


def _benchmark_before(
    text: str, values: Sequence[_Value], index: int, marks: Sequence[Mention], offset: int
) -> Mention | None:
    value = values[index]
    before = [m for m in marks if m.end - offset <= value.start]
    if not before:
        return None
    mark = before[-1]
    if _COMPARATOR.search(text[max(0, mark.start - offset - 30) : mark.start - offset]):
        return None  # "tighter intervals than MT-Bench and achieves 89.1% agreement"
    if len(before) > 1 and re.fullmatch(
        r"[\s,]*(?:and|or|&)?\s*(?:the\s+)?", text[before[-2].end - offset : mark.start - offset]
    ):
        return None  # "on GSM8K and MATH improve by 9.3%": the value is shared
    gap = text[mark.end - offset : value.start]
    if len(gap) > 60 or not _PAIRING_CUES.search(gap) or re.search(r"\bless than\b", gap):
        return None
    earlier = [v for v in values[:index] if v.start >= mark.end - offset]
    if earlier:
        between = text[earlier[-1].end : value.start]
        if len(between) > 25 or re.search(r"\bthe\b", between):
            return None
    return mark


def find_claims(sentences: Sequence[Evidence], mentions: Sequence[Mention]) -> list[Claim]:
    claims: list[Claim] = []
    for sentence in sentences:
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        benchmarks = [m for m in inside if m.label in (EntityType.BENCHMARK, EntityType.DATASET)]
        models = [m for m in inside if m.label is EntityType.MODEL]
        claims.extend(sentence_claims(sentence, benchmarks, models, inside))
    return claims
