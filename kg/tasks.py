"""Tasks: the research problems a paper works on and the tasks it evaluates on.

A task is found two ways. The Papers with Code vocabulary (ontology/gazetteers/tasks/) is
matched as phrases in any case ("novel view synthesis"), and a phrase of the text that ends in a
task word ("Catheter Tip Tracking", "Weather Editing") is coined into a name where the
vocabulary has none. Which phrases are the paper's tasks is decided by where they stand: the
title states the main problem ("X for Y", "Y via X", "Identifying Primary Stress ..."), and the
abstract names the tasks it works on or evaluates on with cues ("the task of X", "X tasks",
"for X", "on X benchmarks"). A phrase named once in passing with no cue is not kept.

Everything here reads strings and offsets only (no spaCy), so each rule can be tested on a
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import NamedTuple

from kg import resources
from kg.normalize import name_key
from kg.records import EntityType, Evidence, Mention, TaskMention

# Words with inner hyphens or a plus kept whole: "text-to-image", "re-identification".
_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9+'-]*[A-Za-z0-9+])?")
MAX_WORDS = 6
MAX_TASKS = 4
# Small words kept lower case inside a coined title-case name.
_SMALL = frozenset({"of", "and", "to", "in", "for", "on", "a", "the", "with", "as"})
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9-]{1,9})\)")

# Cues before a phrase that make it a problem the paper works on or evaluates on; weak cues
# ('in', 'and') count half.
_CUE_BEFORE = re.compile(
    r"(?:\b(?:tasks?|problems?|challenges?)\s+(?:of|such\s+as|like|including)"
    r"|\b(?:for|on|improv\w*|advanc\w*|address\w*|tackl\w*|solv\w*|stud\w*|enhanc\w*|"
    r"boost\w*|target\w*|perform\w*|benchmark\w*|evaluat\w*|including|such\s+as|"
    r"spanning|focus\w*\s+on|enabl\w*|achiev\w*|excel\w*(?:\s+(?:in|at))?)"
    r")\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+|downstream\s+|challenging\s+)?$",
    re.IGNORECASE,
)
_WEAK_CUE_BEFORE = re.compile(
    r"\b(?:in|to|across|towards?|both|and)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE
)
_CUE_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,12}\)\s*)?(?:tasks?|problems?|benchmarks?|settings?|datasets?|"
    r"challenges?|performance|accuracy|capabilit\w*|abilit\w*|results|"
    # "Scene Text Editing (STE) is the task of", "... is a fundamental problem in"
    r"(?:is|remains|has\s+been)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:task|problem|challenge))\b",
    re.IGNORECASE,
)
# "the X task", "X benchmarks": a phrase ending a list of evaluations.
_TASK_WORD_AFTER = re.compile(r"^\s*(?:\([^)]{1,12}\)\s*)?tasks?\b", re.IGNORECASE)


@dataclass(frozen=True)
class VocabTask:
    name: str
    slug: str
    aliases: tuple[str, ...]
    broader: tuple[str, ...]
    datasets: tuple[str, ...]
    title_only: bool


@dataclass(frozen=True)
class Occurrence:
    """One phrase of the text read as a task, before the paper's tasks are chosen."""

    key: str
    name: str
    text: str
    start: int
    end: int
    in_title: bool
    cue: float
    vocab: VocabTask | None
    broader: tuple[str, ...] = ()
    acronym: str | None = None
    rule: str = "task:phrase"
    weight: float = 1.0


def _american(word: str) -> str:
    """British spellings folded: 'modelling', 'summarisation', 'localisation'."""
    return word.replace("modelling", "modeling").replace("isation", "ization")


@lru_cache(maxsize=1 << 16)
def phrase_key(phrase: str) -> str:
    """The key a task phrase is looked up by: name_key, with British 'modelling' and plurals
    ('tasks', 'detections') folded, so 'Language Modelling' is 'language modeling'."""
    key = _american(name_key(phrase))
    return key[:-1] if key.endswith("s") and not key.endswith(("ss", "sis", "us")) else key


@cache
def lexicon() -> dict:
    return resources.task_lexicon()


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(lexicon()[name])


@cache
def _not_task_keys() -> frozenset[str]:
    return frozenset(phrase_key(w) for w in lexicon()["not_tasks"])


@cache
def _title_only_keys() -> frozenset[str]:
    return frozenset(phrase_key(w) for w in lexicon()["title_only"])


@cache
def vocabulary() -> dict[str, VocabTask]:
    """Phrase key -> vocabulary task, for names and acronyms; fields, techniques and single
    generic words are left out (guidelines: not tasks)."""
    table: dict[str, VocabTask] = {}
    generic = _words("generic_heads")
    for row in resources.task_vocabulary():
        name = row["name"]
        key = phrase_key(name)
        if key in _not_task_keys() or (" " not in name and name.lower() in generic):
            continue
        if not _task_shaped(name):
            continue  # "Point Clouds", "AI Agents", "Time Series": things, not problems
        task = VocabTask(
            name=name,
            slug=row.get("slug") or "",
            aliases=tuple(row.get("aliases", ())),
            broader=tuple(row.get("broader", ())),
            datasets=tuple(row.get("datasets", ())),
            title_only=key in _title_only_keys()
            or name.lower().endswith(" learning")
            or " " not in name,
        )
        table.setdefault(key, task)
    for task in list(table.values()):
        for alias in task.aliases:
            if " " in alias:  # acronyms ("ALL", "CO") are words too often to be looked up
                table.setdefault(phrase_key(alias), task)
    return table


# Endings of a noun that names an activity ('Human Mesh Recovery', 'Speaker Diarization').
_NOMINAL = ("tion", "sion", "ing", "ery", "sis", "al", "ment", "ance")


def _task_shaped(name: str) -> bool:
    """A vocabulary name kept as a task: it ends in a task word, or maps one thing to another
    ('Text-to-SQL', 'Image to 3D')."""
    last = name.split()[-1].lower()
    heads = _words("heads") | _words("vocabulary_heads")
    return (
        last in heads
        or last.rsplit("-", 1)[-1] in heads
        or (" " in name and last.endswith(_NOMINAL))
        or bool(re.search(r"(?i)\w-to-\w|\sto\s", name))
    )


def lookup(phrase: str) -> VocabTask | None:
    return vocabulary().get(phrase_key(phrase))


class Token(NamedTuple):
    """A word and its offsets (a tuple: a paper has hundreds, made on every extraction)."""

    text: str
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[Token]:
    return [Token(m[0], m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


def _joined(text: str, left: Token, right: Token) -> bool:
    """Whether two neighbouring words belong to one phrase: only spaces between them."""
    gap = text[left.end : right.start]
    return gap.strip() == "" and "\n" not in gap


def title_case(words: Sequence[str]) -> str:
    """'weather editing' -> 'Weather Editing'; words with capitals or digits keep their case
    ('3D', 'GUI', 'LiDAR'), small words inside stay lower case, hyphenated parts are
    capitalized ('text-to-image' -> 'Text-to-Image')."""

    def cap(word: str, first: bool) -> str:
        if word[:1].islower() and any(c.isupper() for c in word):
            word = word.lower()  # "cOntext aliGnment", a title's acronym spelled inside words
        if any(c.isupper() or c.isdigit() for c in word):
            return word
        if not first and word in _SMALL:
            return word
        return word[:1].upper() + word[1:]

    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        out.append("-".join(cap(p, i == 0 and j == 0) for j, p in enumerate(parts)))
    return " ".join(out)


_ADVERB = re.compile(r"(?:ally|ively|ously|ently|antly|edly|ingly)$")
# Words in -ing and -ed that are nouns or adjectives inside task names.
_KEEP = frozenset(
    {
        "building",
        "reasoning",
        "clustering",
        "planning",
        "spelling",
        "supervised",
        "unsupervised",
        "guided",
        "conditioned",
        "grounded",
        "structured",
        "embodied",
        "red",
    }
)


@lru_cache(maxsize=1 << 16)
def _leading_noise(word: str, rest: int) -> bool:
    """A word that opens a window but not the task phrase: a stop word, an adverb
    ('highly'), a verb form ('improving', 'learned', 'achieves')."""
    low = word.lower()
    if low in _words("stop_words"):
        return True
    if rest == 0 or "-" in low or low in _KEEP:
        return False
    if (
        _ADVERB.search(low)
        or low.endswith(("ing", "ed"))
        or (low.endswith("ly") and len(low) > 5 and low not in {"anomaly", "assembly", "family"})
    ):
        return True
    return word.islower() and low.endswith("es") and not low.endswith(("ies", "ses"))


def trim(words: list[Token], text: str = "") -> list[Token]:
    """The window without its leading noise: what the phrase itself holds. After 'to' the
    first word is a verb ('to enhance clinical decision-making')."""
    start = 0
    if (
        text
        and len(words) > 1
        and re.search(r"\bto\s+$", text[max(0, words[0].start - 4) : words[0].start])
    ):
        start = 1
    while start < len(words) - 1 and _leading_noise(words[start].text, len(words) - 1 - start):
        start += 1
    return words[start:]


def strip_modifiers(words: list[Token]) -> list[Token]:
    """'Controllable Weather Editing' -> 'Weather Editing', 'Transformer-Based Catheter Tip
    Tracking' -> 'Catheter Tip Tracking': properties and the means are not the problem. At
    least two words stay."""
    suffixes = _words("modifier_suffixes")
    cut = 0
    for i, word in enumerate(words[:-2]):
        low = word.text.lower()
        if "-" in low and low.rsplit("-", 1)[-1] in suffixes:
            cut = i + 1
        elif i + 1 < len(words) - 1 and words[i + 1].text.lower() in suffixes:
            cut = i + 2  # "Data Efficient GUI Grounding"
    words = words[cut:] if len(words) - cut >= 2 else words
    start = 0
    while len(words) - start > 2 and words[start].text.lower() in _words("modifiers"):
        start += 1
    words = words[start:]
    # "Multimodal Unified Industrial Anomaly Detection": a property inside the phrase too.
    inner = [w for w in words[1:-1] if w.text.lower() in _words("modifiers")]
    if inner and len(words) - len(inner) >= 2:
        words = [words[0], *(w for w in words[1:-1] if w not in inner), words[-1]]
    return words


@lru_cache(maxsize=1 << 16)
def is_head(word: str) -> bool:
    """A task word: 'tracking', and 'Re-Identification' or 'Super-Resolution' whole."""
    low = _american(word.lower())
    if low.endswith("s") and not low.endswith(("ss", "sis", "ics")):
        low = low[:-1]  # "reconstructions"
    return low in _words("heads") or low.rsplit("-", 1)[-1] in _words("heads")


def _vocab_suffix(words: list[Token]) -> VocabTask | None:
    """The longest vocabulary task a phrase ends with: 'Fisheye Object Detection' specializes
    Object Detection."""
    for i in range(1, len(words) - 1):
        found = lookup(" ".join(w.text for w in words[i:]))
        if found is not None:
            return found
    return None


def _occurrence(
    text: str, words: list[Token], in_title: bool, rule: str, title_end: int
) -> Occurrence | None:
    """A task read from a phrase: its vocabulary name, else a coined one; None for a field, a
    technique outside the title, or a generic head alone ('detection')."""
    if not words:
        return None
    wording = text[words[0].start : words[-1].end]
    core = strip_modifiers(words)
    found = lookup(wording) or lookup(" ".join(w.text for w in core))
    if (
        phrase_key(wording) in _not_task_keys()
        or phrase_key(" ".join(w.text for w in core)) in _not_task_keys()
    ):
        return None
    if found is not None:
        if found.title_only and not in_title:
            return None
        return Occurrence(
            phrase_key(found.name),
            found.name,
            wording,
            words[0].start,
            words[-1].end,
            in_title,
            _cued(text, words[0].start, words[-1].end),
            found,
            rule=rule + ":vocabulary",
        )
    if len(core) < 2 or not (
        is_head(core[-1].text) or (in_title and core[-1].text.lower() in _words("title_heads"))
    ):
        return None
    if any(
        phrase_key(" ".join(w.text for w in core[i:])) in _not_task_keys()
        for i in range(1, len(core) - 1)
    ):
        return None  # "Pyramidal Flow Matching": a kind of a technique
    if core[0].text.lower() in _words("modifiers"):
        return None  # "efficient detection": a property of a generic task
    if not in_title and _NAME_AFTER.match(text, words[-1].end):
        return None  # "Large Reasoning Models (LRMs)": a phrase of a name
    if not in_title and core[-1].text.islower() and _plural(core[-1].text):
        return None  # "text transfers effectively": a verb, or things rather than a problem
    if len(core) == 2 and core[0].text.lower().rsplit("-", 1)[-1] in _words("modifier_suffixes"):
        return None  # "Context-Preserving Verification", "Diffusion-Based Generation": a means
    if any(_words_generic(w.text) for w in core[:-1]) and len(core) == 2:
        return None  # "segmentation detection": two task words make no problem
    name = title_case([w.text for w in core])
    broader = _vocab_suffix(core)
    return Occurrence(
        phrase_key(name),
        name,
        wording,
        words[0].start,
        words[-1].end,
        in_title,
        _cued(text, words[0].start, words[-1].end),
        None,
        broader=(broader.name,) if broader else (),
        rule=rule + ":coined",
    )


# A capitalized kind word after a phrase in the abstract: the phrase begins a name.
_NAME_AFTER = re.compile(r"[ \t]+(?:Models?|Networks?|Systems?|Agents?|Transformers?)\b")


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "sis", "ics", "ous"))


def _words_generic(word: str) -> bool:
    return word.lower() in _words("generic_heads")


# A list that a cue opens: "tasks, including image representation, 3D shape reconstruction, ".
_LISTED_AFTER_CUE = re.compile(
    r"(?i)\b(?:tasks?|problems?|applications?|including|such\s+as|like|spanning|from|on|"
    r"across)\s+(?:[A-Za-z0-9][\w-]*(?:\s+[\w-]+){0,5}\s*(?:\([^)]{1,12}\)\s*)?,\s*){1,8}"
    r"(?:and\s+|or\s+)?$"
)


# Words that set a phrase against the paper's problem: 'unlike semantic segmentation'.
_AGAINST_BEFORE = re.compile(
    r"\b(?:unlike|beyond|than|instead\s+of|other\s+than|compared\s+(?:to|with)|apart\s+from|"
    r"except|besides)\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
# A phrase naming where a method is used, not what it solves: 'autonomous driving applications'.
_DOMAIN_AFTER = re.compile(r"\s+(?:applications?|domains?|industry|industries)\b", re.I)
# The abstract opening with the phrase: its first sentence is about the problem.
_ABSTRACT_OPENS = re.compile(r"\n\n\s*(?:(?:the|in)\s+)?$", re.IGNORECASE)


def _cued(text: str, start: int, end: int) -> float:
    """1 where a cue says the phrase is a problem worked or evaluated on, 0.5 for a weak cue,
    -0.5 where the text sets the phrase against its problem ('unlike X').
    Words the phrase was trimmed of ('advances generalized spatial reasoning') may stand
    between the cue and the phrase."""
    if _ABSTRACT_OPENS.search(text[max(0, start - 8) : start]):
        return 1.0
    befores = _untrimmed(text[max(0, start - 60) : start])
    before = befores[0]
    if any(_AGAINST_BEFORE.search(b) for b in befores) or _DOMAIN_AFTER.match(text, end):
        return -0.5
    listed = before.rstrip().endswith(",") or before.endswith((" and ", " or "))
    if (
        any(_CUE_BEFORE.search(b) for b in befores)
        or _CUE_AFTER.match(text[end : end + 60])
        or (listed and _LISTED_AFTER_CUE.search(text[max(0, start - 200) : start]))
    ):
        return 1.0
    return 0.5 if _WEAK_CUE_BEFORE.search(before) else 0.0


def _untrimmed(before: str) -> list[str]:
    """`before`, and `before` without each of the adverbs, adjectives and verb forms that
    end it in turn: the words `trim` and `strip_modifiers` leave out of a phrase."""
    found = [before]
    words = before.split(" ")
    while len(words) > 2 and words[-2] and (
        (_leading_noise(words[-2], 1) and words[-2].lower() not in _words("stop_words"))
        or words[-2].lower() in _words("modifiers")
    ):
        words = [*words[:-2], ""]
        found.append(" ".join(words))
    return found


@cache
def _other_heads() -> frozenset[str]:
    """Last words a window opens at besides task words: those of vocabulary names and titles."""
    return _words("vocabulary_heads") | _words("title_heads")


def _modifies_noun(text: str, toks: list[Token], i: int) -> bool:
    """Whether the word at i modifies the noun after it ('reconstruction kernels', 'autonomous
    driving simulation'): then it ends no task phrase."""
    if i + 1 >= len(toks) or not _joined(text, toks[i], toks[i + 1]):
        return False
    after = toks[i + 1].text.lower()
    return is_head(after) or (
        after not in _words("stop_words") and after not in _words("followers")
    )


def windows(text: str, toks: list[Token]) -> Iterable[list[Token]]:
    """For each task word, the words before it that can belong to its phrase."""
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        if not (is_head(tok.text) or low in _other_heads()):
            continue
        if _modifies_noun(text, toks, i):
            continue
        start = i
        while (
            start > 0
            and i - start < MAX_WORDS - 1
            and _joined(text, toks[start - 1], toks[start])
            and toks[start - 1].text.lower() not in _words("stop_words")
        ):
            start -= 1
        yield trim(toks[start : i + 1], text)


@cache
def _scanned() -> dict[str, VocabTask]:
    """The vocabulary names the task-word windows cannot find, which the scan looks for: those
    not ending in a task word ('Human Mesh Recovery', 'Text-to-SQL') or holding a word a window
    stops at ('Novel View Synthesis', 'Multispectral and Hyperspectral Image Fusion')."""
    stops = _words("stop_words")
    return {
        key: task
        for key, task in vocabulary().items()
        if not is_head(task.name.split()[-1])
        or any(w.lower() in stops or _leading_noise(w, 1) for w in task.name.split()[:-1])
    }


@cache
def _first_keys() -> frozenset[str]:
    """Keys of the first word of every scanned name, split at spaces and hyphens."""
    return frozenset(
        name_key(re.split(r"[\s-]", task.name, maxsplit=1)[0]) for task in _scanned().values()
    ) - {name_key(w) for w in ("a", "an", "the")}


@cache
def _key_prefixes() -> frozenset[str]:
    """Every prefix of every scanned key: a scan extends a phrase word by word only while its
    key can still grow into a task name, so most words cost one set lookup."""
    return frozenset(key[:n] for key in _scanned() for n in range(1, len(key) + 1))


def vocabulary_spans(text: str, toks: list[Token]) -> Iterable[list[Token]]:
    """Vocabulary names that do not end in a task word ('Text-to-SQL', 'Language Modelling'),
    longest first at each word."""
    prefixes, table, firsts = _key_prefixes(), _scanned(), _first_keys()
    i = 0
    while i < len(toks):
        word = toks[i].text
        if name_key(word) not in firsts and name_key(word.split("-", 1)[0]) not in firsts:
            i += 1
            continue
        acc, best = "", 0
        for j in range(i, min(len(toks), i + MAX_WORDS)):
            if j > i and not _joined(text, toks[j - 1], toks[j]):
                break
            acc += name_key(toks[j].text)
            folded = _american(acc)
            bare = folded[:-1] if folded.endswith("s") else folded
            if folded in table or bare in table:
                best = j - i + 1
            if folded not in prefixes and bare not in prefixes:
                break
        if (
            best
            and lookup(" ".join(t.text for t in toks[i : i + best])) is not None
            and not _modifies_noun(text, toks, i + best - 1)
        ):
            yield toks[i : i + best]
            i += best
        else:
            i += 1


def title_gerund(title: str) -> list[tuple[Token, list[Token]]]:
    """'Identifying Primary Stress Across ...', 'Agent Drift: Quantifying Behavioral
    Degradation', 'Precise Diagnosis of Acute Lymphoblastic Leukemia': a title segment that
    opens with a task verb, or a task word followed by 'of', names the problem as an action and
    its object. Returns (the verb or task word, the object's words) per segment."""
    found = []
    offset = 0
    for segment in title.split(":"):
        toks = tokens(segment, offset)
        offset += len(segment) + 1
        if toks and _ADVERB.search(toks[0].text.lower()):
            toks = toks[1:]  # "Continuously Tracking Speaker Aging"
        verb_at = 0 if toks and toks[0].text.lower() in lexicon()["verbs"] else None
        if verb_at is None:
            verb_at = next(
                (
                    i
                    for i, t in enumerate(toks[:-1])
                    if is_head(t.text) and toks[i + 1].text.lower() == "of"
                ),
                None,
            )
        if verb_at is None or verb_at + 1 >= len(toks):
            continue
        rest = toks[verb_at + 1 :]
        if rest and rest[0].text.lower() == "of" and verb_at > 0:
            rest = rest[1:]
        obj = _object(rest)
        if obj:
            found.append((toks[verb_at], obj))
    return found


def _object(toks: list[Token]) -> list[Token]:
    obj: list[Token] = []
    of_seen = False
    for tok in toks:
        low = tok.text.lower()
        if low in {"a", "an", "the"} and not obj:
            continue
        if low == "of" and obj and not of_seen:
            of_seen = True  # "Predicting Decisions of AI Agents"
            obj.append(tok)
            continue
        if low in _words("stop_words") or len(obj) == 5:
            break
        obj.append(tok)
    while obj and obj[-1].text.lower() == "of":
        obj.pop()
    return obj


def _gerund_occurrences(title: str) -> list[Occurrence]:
    found = []
    for verb, obj in title_gerund(title):
        low = verb.text.lower()
        head = lexicon()["verbs"].get(low, low)
        words = [w.text.lower() if w.text.istitle() else w.text for w in obj]
        if "of" in words:  # "decisions of AI agents" -> "AI Agent Decision"
            at = words.index("of")
            words = [_singular(w) for w in words[at + 1 :] + words[:at]]
        name = title_case([*words, head])
        known = lookup(name)
        wording = title[verb.start : obj[-1].end]
        if not _joined_phrase(title, verb, obj):
            continue
        found.append(
            Occurrence(
                phrase_key(known.name if known else name),
                known.name if known else name,
                wording,
                verb.start,
                obj[-1].end,
                True,
                1.0,
                known,
                rule="task:title-action",
                weight=title_weight(title, verb.start, obj[-1].end),
            )
        )
    return found


def _joined_phrase(title: str, verb: Token, obj: list[Token]) -> bool:
    """No punctuation inside the action phrase ('Reading a Ruler', not 'Reading, a Ruler')."""
    return not re.search(r"[,;()\[\]]", title[verb.start : obj[-1].end])


_MEANS = re.compile(r"(?i)\b(?:via|using|through|by|with|based\s+on|from)\b")
_FOR = re.compile(r"(?i)\sfor\s")


def title_weight(title: str, start: int, end: int) -> float:
    """How surely a title phrase is the paper's problem: 'Y via X' and 'Y with X' put the
    means after the problem (weight 0, the phrase is read as the abstract's), 'X for Y' puts it
    before (weight 0.5), anything else states the problem (1)."""
    segment_start = title.rfind(":", 0, start) + 1
    segment_end = title.find(":", end)
    segment_end = len(title) if segment_end < 0 else segment_end
    if _MEANS.search(title, segment_start, start):
        return 0.0
    if _FOR.search(title, end, segment_end):
        return 0.5
    return 1.0


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _acronym(text: str, end: int) -> str | None:
    match = _ACRONYM_AFTER.match(text, end)
    return match.group(1) if match else None


def occurrences(text: str, title_end: int, mentions: Sequence[Mention] = ()) -> list[Occurrence]:
    """Every phrase of the paper that reads as a task, in text order."""
    toks = tokens(text)
    named = [
        (m.start, m.end)
        for m in mentions
        if m.label in (EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET)
        or (m.label is EntityType.METHOD and m.proposed)
    ]
    named += _own_long_forms(text, mentions)
    techniques = _technique_keys(mentions)
    found: list[Occurrence] = []
    found.extend(_gerund_occurrences(text[:title_end]))
    spans = [(w, True) for w in windows(text, toks)]
    spans += [(v, False) for v in vocabulary_spans(text, toks)]
    for span, coined in spans:
        # A name of a model, dataset or the paper's own method is no part of a task phrase.
        if coined:
            span = [t for t in span if not any(s < t.end and t.start < e for s, e in named)]
            span = _contiguous_tail(span)
        elif any(s < span[-1].end and span[0].start < e for s, e in named):
            continue
        occ = _occurrence(
            text,
            span,
            span[0].end <= title_end if span else False,
            "task:title" if span and span[0].end <= title_end else "task:abstract",
            title_end,
        )
        if occ is not None and not occ.in_title and {occ.key, phrase_key(occ.text)} & techniques:
            continue  # "via reinforcement fine-tuning (RFT)": a technique the paper uses
        if occ is not None:
            weight = title_weight(text[:title_end], occ.start, occ.end) if occ.in_title else 1.0
            found.append(
                replace(
                    occ,
                    acronym=_acronym(text, occ.end),
                    weight=weight,
                    in_title=occ.in_title and weight > 0,
                )
            )
    found = _listed(text, _longest(found))
    return found + _robot_occurrences(text, toks, title_end, found)


def _robot_occurrences(
    text: str, toks: list[Token], title_end: int, found: list[Occurrence]
) -> list[Occurrence]:
    """'manipulation' alone in a paper about robots: Robot Manipulation, named the way the
    vocabulary names it, each bare use an occurrence ('manipulation policies', 'real-time
    manipulation' count; 'Robot Manipulation' itself is found by the vocabulary). Where the
    paper names its kind ('Dexterous Grasping'), a bare use counts for that task."""
    tasks = lexicon()["robot_tasks"]
    robot = _words("robot_words")
    if not any(t.text.lower() in robot for t in toks):
        return []
    kinds = {
        o.name.split()[-1].lower(): o
        for o in found
        if (o.in_title or o.vocab is not None) and o.rule != "task:title-action"
    }
    bare = []
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        task = lookup(tasks.get(low, ""))
        if task is None or (i > 0 and toks[i - 1].text.lower() in robot):
            continue
        if any(o.start <= tok.start < o.end and o.vocab is not None for o in found):
            continue  # inside a vocabulary name read already
        kind = kinds.get(low)
        in_title = tok.end <= title_end
        bare.append(
            Occurrence(
                kind.key if kind else phrase_key(task.name),
                kind.name if kind else task.name,
                tok.text,
                tok.start,
                tok.end,
                in_title,
                _cued(text, tok.start, tok.end),
                kind.vocab if kind else task,
                rule="task:title:robot" if in_title else "task:abstract:robot",
            )
        )
    return bare


_PREPOSITION = re.compile(r"(?i)\b(?:based\s+on|for|with|of|via|using|in|on|by|from)\b")


def _own_long_forms(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Where the long forms of the paper's own methods stand, the title's included: 'Student
    Discriminator Assisted Knowledge Distillation' names SDAKD, not a distillation task. A long
    form that goes on after its head ('Class-Incremental Learning Based on Neural Collapse')
    names its method by the task it works on, which stays a task."""
    low = text.lower()
    forms = {
        m.alias.lower()
        for m in mentions
        if m.proposed
        and m.alias
        and " " in m.alias
        and m.label is not EntityType.METRIC
        and not _PREPOSITION.search(m.alias)
    }
    return [
        (match.start(), match.end())
        for form in sorted(forms)
        for match in re.finditer(re.escape(form), low)
    ]


def _technique_keys(mentions: Sequence[Mention]) -> frozenset[str]:
    """Keys of the methods the paper uses, by every name the paper gives them: the abstract
    naming 'reinforcement fine-tuning (RFT)' names a technique, not a problem."""
    return frozenset(
        phrase_key(name)
        for m in mentions
        if m.label is EntityType.METHOD and not m.proposed
        for name in (m.text, m.alias, m.canonical)
        if name
    )


_LIST_GAP = re.compile(r"^(?:\s*\([^)]{1,12}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/)$")


def _listed(text: str, found: list[Occurrence]) -> list[Occurrence]:
    """'tasks such as X, Y and Z': an item listed after a cued task is cued too."""
    out: list[Occurrence] = []
    for occ in found:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.cue
            and not occ.cue
            and _LIST_GAP.match(text[previous.end : occ.start])
        ):
            occ = replace(occ, cue=previous.cue)
        out.append(occ)
    return out


def _contiguous_tail(span: list[Token]) -> list[Token]:
    """After removing names, the words that still end the phrase together."""
    if not span:
        return span
    tail = [span[-1]]
    for tok in reversed(span[:-1]):
        if tok.end + 3 < tail[0].start:
            break
        tail.insert(0, tok)
    return trim(tail)


def _longest(found: list[Occurrence]) -> list[Occurrence]:
    """Of overlapping phrases, the longest: 'Semi-supervised Medical Image Segmentation' over
    'Medical Image Segmentation'."""
    ordered = sorted(found, key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[Occurrence] = []
    for occ in ordered:
        if any(k.start <= occ.start and occ.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (occ.start <= k.start and k.end <= occ.end)]
        kept.append(occ)
    return sorted(kept, key=lambda o: o.start)


def _acronym_occurrences(text: str, chosen: dict[str, list[Occurrence]]) -> dict[str, int]:
    """How often each task's acronym ('VQA', 'DST') is written alone: more mentions."""
    counts: dict[str, int] = {}
    for key, occs in chosen.items():
        acronyms = {o.acronym for o in occs if o.acronym}
        counts[key] = sum(len(re.findall(rf"\b{re.escape(a)}\b", text)) - 1 for a in acronyms)
    return counts


def score(occs: Sequence[Occurrence], acronym_uses: int = 0) -> float:
    """How surely a paper works on a task: the title states its problem, cues and repetition
    in the abstract say it works or evaluates on it; the vocabulary vouches for a name."""
    title = max((o.weight for o in occs if o.in_title), default=0.0)
    cues = sum(o.cue for o in occs if not o.in_title)
    known = occs[0].vocab is not None
    total = 3.0 * title + 1.0 * cues + 0.5 * (len(occs) + acronym_uses) + 0.5 * known
    return total


THRESHOLD = 1.5
# A vocabulary task named once in the abstract without a cue ('... for speaker verification')
# is kept: the vocabulary vouches that the phrase is a problem, and an abstract names few.
VOCAB_THRESHOLD = 1.0


def find_tasks(
    text: str, sentences: Sequence[Evidence], mentions: Sequence[Mention] = ()
) -> tuple[TaskMention, ...]:
    """The paper's tasks, main problem first: the title's task, else the best-supported one."""
    title_end = text.find("\n\n")
    title_end = len(text) if title_end < 0 else title_end
    by_key: dict[str, list[Occurrence]] = {}
    for occ in occurrences(text, title_end, mentions):
        by_key.setdefault(occ.key, []).append(occ)
    uses = _acronym_occurrences(text, by_key)
    ranked = _rank(by_key, uses)
    by_key = _merge_same(ranked, by_key)
    ranked = [k for k in _rank(by_key, uses) if k in by_key]
    kept = _specific(
        [k for k in ranked if _score(by_key, k, uses) >= _threshold(by_key[k])], by_key
    )[:MAX_TASKS]
    titled = [k for k in kept if any(o.in_title for o in by_key[k])]
    main = min(titled, key=lambda k: by_key[k][0].start) if titled else (kept[0] if kept else None)
    order = ([main] if main else []) + [k for k in kept if k != main]
    return tuple(_task_mention(by_key[k], k == main, sentences) for k in order)


def _score(by_key: dict[str, list[Occurrence]], key: str, uses: dict[str, int]) -> float:
    return score(by_key[key], uses.get(key, 0))


def _threshold(occs: list[Occurrence]) -> float:
    """The abstract naming a vocabulary task is enough; a title naming it as the means ('...
    via Spatial Reasoning') is not."""
    in_abstract = any(o.rule.startswith("task:abstract") for o in occs)
    return VOCAB_THRESHOLD if occs[0].vocab is not None and in_abstract else THRESHOLD


def _rank(by_key: dict[str, list[Occurrence]], uses: dict[str, int]) -> list[str]:
    """Keys best-supported first; ties go to the phrase the text names first."""
    return sorted(by_key, key=lambda k: (-_score(by_key, k, uses), by_key[k][0].start))


def _merge_same(
    ranked: list[str], by_key: dict[str, list[Occurrence]]
) -> dict[str, list[Occurrence]]:
    """Phrases of one paper that name one problem ('Low-Dose CT Denoising' and 'LDCT
    Denoising', 'Weather Editing' and 'Weather Background Editing', 'Brain Tumor
    Classification' and 'Brain Tumor Detection') become one task: the better-supported name,
    with the other wordings as aliases and their occurrences counted together."""
    merged: dict[str, list[Occurrence]] = {}
    for key in ranked:
        occs = by_key[key]
        into = next((k for k in merged if same_problem(merged[k][0].name, occs[0].name)), None)
        if into is None:
            merged[key] = list(occs)
        else:
            first = merged[into][0]
            merged[into] += [replace(o, name=first.name, vocab=first.vocab) for o in occs]
    return merged


@cache
def _head_groups() -> dict[str, int]:
    """Task word -> its group of words that name one problem of one object."""
    groups = sorted(lexicon()["same_problem_heads"])
    return {w: i for i, group in enumerate(groups) for w in group.split()}


def _initials(words: Sequence[str]) -> str:
    """'Low-Dose CT' -> 'LDCT': a word's initial per hyphen part, an acronym whole."""
    out = ""
    for word in words:
        for part in word.split("-"):
            out += part if part.isupper() and len(part) > 1 else part[:1].upper()
    return out


def same_problem(a: str, b: str) -> bool:
    """Whether two task names of one paper name one problem: the same task word (or one of a
    group: 'detection', 'classification'), and words before it that are the same, one a part
    of the other in order, or one an acronym of the other."""
    wa, wb = a.lower().split(), b.lower().split()
    groups = _head_groups()
    if wa[-1] != wb[-1] and (
        wa[-1] not in groups or groups[wa[-1]] != groups.get(wb[-1])
    ):
        return False
    pa, pb = a.split()[:-1], b.split()[:-1]
    if not pa or not pb:
        return False
    if len(pa) == 1 and len(pa[0]) > 1 and pa[0].isupper() and _initials(pb) == pa[0]:
        return True
    if len(pb) == 1 and len(pb[0]) > 1 and pb[0].isupper() and _initials(pa) == pb[0]:
        return True
    short, long = sorted((wa[:-1], wb[:-1]), key=len)
    return (wa[-1] == wb[-1] and _subsequence(short, long)) or short == long


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _specific(keys: list[str], by_key: dict[str, list[Occurrence]]) -> list[str]:
    """'Video Generation' beside 'Mobile Video Generation' is the same problem named less
    precisely: the specific task keeps the general wording as an alias."""
    kept: list[str] = []
    for key in keys:
        longer = next((k for k in keys if k != key and k.endswith(key)), None)
        if longer is None:
            kept.append(key)
        else:
            by_key[longer] = by_key[longer] + [
                replace(o, name=by_key[longer][0].name, vocab=by_key[longer][0].vocab)
                for o in by_key[key]
            ]
    return kept


def _task_mention(occs: list[Occurrence], main: bool, sentences: Sequence[Evidence]) -> TaskMention:
    first = occs[0]
    wordings = {o.text for o in occs} | {o.acronym for o in occs if o.acronym}
    if first.vocab is not None:
        wordings |= set(first.vocab.aliases)
    broader = first.vocab.broader if first.vocab else first.broader
    return TaskMention(
        name=first.name,
        text=first.text,
        start=first.start,
        end=first.end,
        sentence=_sentence(sentences, first.start),
        rule=first.rule,
        main=main,
        slug=first.vocab.slug if first.vocab else None,
        aliases=tuple(sorted(w for w in wordings if w != first.name)),
        broader=tuple(broader),
    )


def _sentence(sentences: Sequence[Evidence], start: int) -> Evidence:
    for sentence in sentences:
        if sentence.start <= start < sentence.end:
            return sentence
    return sentences[-1] if sentences else Evidence("", 0, 0)


def task_datasets(task: str) -> frozenset[str]:
    """Keys of the datasets and benchmarks the vocabulary lists for a task."""
    found = vocabulary().get(phrase_key(task))
    return frozenset(name_key(d) for d in found.datasets) if found else frozenset()
