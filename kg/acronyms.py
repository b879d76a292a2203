"""Acronym definitions in both directions: "Direct Preference Optimization (DPO)" and
"SFT (supervised fine-tuning)".

The matching follows Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
definitions in biomedical text": walk the short form from its last character backwards, finding
each character in the long form, the first one at the start of a word. It is rewritten here for
names of ML methods, which mix case freely ("muLtimodal duAl-attention meChanIsm (MDA)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.normalize import doc_text

# A short form: 2-12 characters, starting with a letter or digit, with an upper-case letter.
_SHORT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-.&/+*]{0,11}$")
_PAREN = re.compile(r"\(([^()]{1,200})\)")
_WORD = re.compile(r"[^\s]+")
_TRAILING_S = re.compile(r"(?<=[A-Z])s$")


@dataclass(frozen=True)
class Definition:
    short: str
    long: str
    short_start: int
    long_start: int

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)

    @property
    def long_end(self) -> int:
        return self.long_start + len(self.long)


def is_short_form(text: str) -> bool:
    """An acronym-like token: has an upper-case letter and is short enough to be one."""
    if not _SHORT.match(text) or not any(c.isupper() for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    # Two or more capitals ("DPO", "GRAO") or a mixed shape ("rDPO", "MoI").
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def best_long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of `candidate` whose characters spell `short` (Schwartz & Hearst)."""
    short_chars = _TRAILING_S.sub("", short).lower()
    short_chars = "".join(c for c in short_chars if c.isalnum())
    if len(short_chars) < 2:
        return None
    text = candidate.lower()
    s = len(short_chars) - 1
    i = len(text) - 1
    while s >= 0:
        char = short_chars[s]
        # Every character must be found going left; the first must also begin a word.
        while i >= 0 and (text[i] != char or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = i + 1
    # Extend to the start of the word the first character sits in.
    while start > 0 and not candidate[start - 1].isspace():
        start -= 1
    # Schwartz & Hearst keep the shortest match; when it has fewer words than letters and the
    # word before starts with the same letter ("Reward rAnked FineTuning (RAFT)"), take it too.
    # Parts of a hyphenated word count as words: "auto-regressive (AR)" spells both letters.
    before = candidate[:start].rstrip()
    previous = before.split()[-1] if before.split() else ""
    parts = [w for w in re.split(r"[\s-]+", candidate[start:]) if w]
    if previous[:1].lower() == short_chars[0] and len(parts) < len(short_chars):
        start = len(before) - len(previous)
    long_form = candidate[start:].strip(" ,;:-")
    # "\textbf{Direct Preference Optimization (DPO)}": markup is no part of the name.
    long_form = long_form[long_form.rfind("{") + 1 :].strip(" ,;:-")
    words = long_form.split()
    # A long form is never shorter than the short form, and rarely far longer: at most
    # min(|A| + 5, 2|A|) words (Schwartz & Hearst), which keeps "doubles as an exact reward
    # for preference optimization" from spelling DPO.
    limit = min(len(short_chars) + 5, 2 * len(short_chars))
    if len(long_form) <= len(short) or len(words) > limit:
        return None
    if not words or (len(words) < 2 and "-" not in long_form and len(short_chars) > 2):
        return None
    return long_form


def find_definitions(text: str) -> Iterator[Definition]:
    """Every acronym definition in `text`, in either order, with character offsets."""
    for match in _PAREN.finditer(text):
        inside = match.group(1).strip()
        inside_start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        before = text[: match.start()].rstrip()
        # "Long Form (SF)" or "Long Form (SF; Author 2020)", "(SF, for short)".
        head = re.split(r"[;,]", inside, maxsplit=1)[0].strip()
        if is_short_form(head):
            size = min(len(head) + 5, 2 * len(head) + 2)
            window = _last_words(before, size)
            if window:
                window_start = window[0].start()
                long_form = best_long_form(head, before[window_start:])
                if long_form and not _clause_break(long_form):
                    yield Definition(head, long_form, inside_start, len(before) - len(long_form))
                    continue
        # "SF (long form)": the word before the parenthesis is the short form.
        last = _last_token(before)
        if last and is_short_form(last.group(1)) and " " in inside:
            long_form = best_long_form(last.group(1), inside)
            if long_form and long_form == inside.strip(" ,;:-"):
                yield Definition(last.group(1), long_form, last.start(1), inside_start)


def _last_words(before: str, count: int) -> list[re.Match[str]]:
    """The last `count` words of `before`. Most of a text lies before its last parentheses, so
    the words are read from a stretch at its end, and from the whole only when that stretch
    holds too few (the first word of a stretch may be cut)."""
    cut = max(0, len(before) - 40 * (count + 1))
    words = list(_WORD.finditer(before, cut))
    if cut and len(words) <= count:
        words = list(_WORD.finditer(before))
    return words[-count:]


_LAST_TOKEN = re.compile(r"([A-Za-z0-9][A-Za-z0-9\-.&/+*]*)$")


def _last_token(before: str) -> re.Match[str] | None:
    """The token that ends `before`, read from its last 100 characters unless it is longer."""
    cut = max(0, len(before) - 100)
    match = _LAST_TOKEN.search(before, cut)
    if match is not None and cut and match.start() == cut:
        match = _LAST_TOKEN.search(before)
    return match


def _clause_break(long_form: str) -> bool:
    """Long forms do not cross sentence punctuation or start with a function word."""
    if re.search(r"[.!?;:]\s", long_form):
        return True
    first = long_form.split()[0].lower()
    return first in {"the", "a", "an", "and", "or", "of", "in", "on", "for", "with", "to", "by"}


@Language.factory("kg_acronyms")
def make_acronyms(nlp: Language, name: str) -> AcronymDetector:
    return AcronymDetector()


class AcronymDetector:
    """Stores the text's definitions in `doc._.kg_definitions` for the stages after it."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_definitions = tuple(find_definitions(doc_text(doc)))
        return doc


if not Doc.has_extension("kg_definitions"):
    Doc.set_extension("kg_definitions", default=())
