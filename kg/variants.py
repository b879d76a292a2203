"""variantOf between the methods of one paper: from their names (Curry-DPO, IPO-MD, rDPO,
SoftREPA, "Retrieval-Augmented Direct Preference Optimization" of DPO) or from the text
("X extends Y", "X, an RLHF method", "a variant of Y")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kg.normalize import name_occurrences

_PARTS = re.compile(r"[-\s_]")
# The phrase that follows the child and precedes the parent.
_VERB_CUE = re.compile(
    r"\b(?:extends|extend|extending|generali[sz]es|generali[sz]ing|builds (?:up)?on|"
    r"improves (?:up)?on|augments|modifies|adapts|is built (?:up)?on|is based on)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_NOUN_CUE = re.compile(
    r"\b(?:a |an |the )?(?:variant|extension|version|generali[sz]ation|special case|"
    r"adaptation|modification)s?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_APPOSITIVE_CUE = re.compile(r"^\s*(?:\([^)]{1,80}\))?\s*,\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?$")
_WORD_END = re.compile(r"[\w-]$")
_GLUED_PREFIX = re.compile(r"[a-z]{1,2}|[A-Z][a-z]{2,}")
# "we extend the capabilities of 3DGS ... by introducing ..., termed OpenSplat3D", "a
# preference-oriented supervised fine-tuning approach, namely PoFT": the parent comes first.
_EXTEND_BEFORE = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:further\s+)?(?:extend|generali[sz]e|build (?:up)?on|"
    r"improve (?:up)?on|adapt)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?$"
)
_NAMED_AFTER = re.compile(
    r"^[\w\s-]{0,40}?\b(?:method|algorithm|variant|approach|technique|objective|framework|loss|"
    r"architecture|model)s?\s*,?\s+(?:namely|called|named|dubbed|termed)\s+$"
)
_KIND_AFTER = re.compile(r"^\s*(?:method|algorithm|variant|approach|technique|objective)\b")


def name_variant(child: str, parent: str, parent_known: bool) -> bool:
    """Whether `child`'s name says it varies `parent` (both surface names).

    `parent_known` says the parent is a gazetteer method or is defined in the text; an unknown
    parent would make "MaxMin" the parent of "MaxMin-RLHF".
    """
    if parent not in child or child.lower() == parent.lower() or len(parent) < 2:
        return False  # the first test is cheap and rules out nearly every pair
    parts = _PARTS.split(child)
    if len(parts) > 1 and parent in parts and " " not in parent:
        return parent_known
    prefix = child[: -len(parent)] if child.endswith(parent) else None
    # A multi-word long form contains the parent's: "Retrieval-Augmented Direct Preference
    # Optimization" varies "Direct Preference Optimization", "Multi-Action-Head DPO" varies DPO.
    if " " in child and prefix is not None and not _WORD_END.search(prefix):
        return parent_known or " " in parent or "-" in parent
    if not parent.isupper() or len(parent) < 3 or prefix is None:
        return False
    # rDPO, sDPO (a lower-case prefix) and SoftREPA (a capitalized word) glued to an acronym.
    return bool(_GLUED_PREFIX.fullmatch(prefix))


def acronym_variant(child: str, child_long: str, parent: str) -> bool:
    """'Cluster Maximum Mean Discrepancy (CMMD)' varies MMD: the child's acronym is a letter or
    two before the parent's, and the last words of its long form spell the parent."""
    if not (parent.isupper() and len(parent) >= 2 and child.endswith(parent)):
        return False
    extra = child[: -len(parent)]
    words = re.split(r"[\s-]+", child_long.strip())
    if not (1 <= len(extra) <= 2 and extra.isalpha() and len(words) > len(parent)):
        return False
    tail = words[-len(parent) :]
    return "".join(w[0] for w in tail).upper() == parent


def text_variants(
    sentences: Sequence[str], names: Mapping[str, Sequence[str]], own: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(child, parent) keys from sentences such as "PRO extends the pairwise Bradley-Terry
    comparison" or "Rejection Sampling Finetuning (RSF), an RLHF method". `names` maps each
    method's key to its surface names; `own` holds the keys the paper proposes, the only
    children a sentence may name after their parent ("we extend 3DGS ..., termed X")."""
    found: list[tuple[str, str]] = []
    for sentence in sentences:
        spots = sorted(
            (start, start + len(surface), key)
            for key, surfaces in names.items()
            for surface in surfaces
            for start in name_occurrences(sentence, surface)
        )
        for i, (start, _end, parent) in enumerate(spots):
            before = sentence[:start]
            child = None
            if _VERB_CUE.search(before) or _NOUN_CUE.search(before):
                cue = (_VERB_CUE.search(before) or _NOUN_CUE.search(before)).start()
                earlier = [s for s in spots[:i] if s[1] <= cue and cue - s[1] <= 80]
                child = earlier[-1][2] if earlier else None
            elif _KIND_AFTER.match(sentence[_end_of(spots, i) :]):
                earlier = [s for s in spots[:i] if _APPOSITIVE_CUE.match(sentence[s[1] : start])]
                child = earlier[-1][2] if earlier else None
            if child is None and _EXTEND_BEFORE.search(before):
                later = [s for s in spots[i + 1 :] if s[2] in own]
                child = later[0][2] if later else None
            if child is None:
                after = [
                    s
                    for s in spots[i + 1 :]
                    if s[2] in own and _NAMED_AFTER.match(sentence[spots[i][1] : s[0]])
                ]
                child = after[0][2] if after else None
            if child and child != parent and (child, parent) not in found:
                found.append((child, parent))
    return found


def _end_of(spots: Sequence[tuple[int, int, str]], index: int) -> int:
    return spots[index][1]
