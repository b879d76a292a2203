"""Acronym senses across papers: 'RAM' is the Raw Adaptation Module in one paper and Recover
And Match in another. Names are merged across papers by their normalized form, so without this
step one node would collect unrelated methods (and the datasets or metrics that share their
letters), with one type by vote and all their papers counted together.

A paper that defines an acronym says which sense it means. Where the papers that define a name
give long forms of more than one sense, the sense most papers define keeps the name's key, and
every other sense is keyed by its long form in the papers that define it. For a name the
gazetteer knows with a long form, the gazetteer's sense keeps the key, and a paper that defines
the name otherwise ('Raw Adaptation Module (RAM)', where the gazetteer's RAM is a recurrent
attention model) gets its own. Papers that use the name without defining it keep the shared
key: nothing in them says which sense they mean, and the common sense is the best guess.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg import gazetteer
from kg.normalize import name_key
from kg.records import Extraction, Mention


def mention_key(mention: Mention) -> str:
    return name_key(mention.canonical or mention.text)


def _words(long_form: str) -> frozenset[str]:
    """The long form's words by their first three letters, so 'Class Activation Maps' and
    'class activation mapping' agree."""
    return frozenset(w[:3] for w in re.split(r"[^a-z0-9]+", long_form.lower()) if w)


def same_sense(one: str, other: str) -> bool:
    """Two long forms of one acronym mean the same where the words of the shorter are in the
    longer, one word excused from four words on: '3D Gaussian Splatting' and 'Gaussian
    Splatting' do; 'Anchor confidence generator' and 'Answer Condition Generator' do not."""
    a, b = _words(one), _words(other)
    if not a or not b:
        return True
    shorter = min(len(a), len(b))
    return len(a & b) >= shorter - (1 if shorter >= 4 else 0)


def _long_forms(extraction: Extraction) -> dict[str, str]:
    """The long form this paper gives each acronym it defines ('RAM' -> 'Raw Adaptation
    Module'), read from the mentions that carry one."""
    found: dict[str, str] = {}
    for mention in extraction.mentions:
        name = mention.canonical or mention.text
        if (
            mention.alias
            and len(_words(mention.alias)) > 1
            # Not the name with its kind: "BOP Challenge", "ABAW Challenge".
            and name_key(name) not in name_key(mention.alias)
        ):
            found.setdefault(mention_key(mention), mention.alias)
    return found


def sense_keys(extractions: Sequence[Extraction]) -> dict[tuple[int, str], str]:
    """(index of the extraction, name key) -> the key of the sense that paper defines, for the
    papers whose sense is not the one most papers define."""
    defined: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for index, extraction in enumerate(extractions):
        for key, long_form in sorted(_long_forms(extraction).items()):
            defined[key].append((index, long_form))
    keys: dict[tuple[int, str], str] = {}
    for key, uses in sorted(defined.items()):
        entry = gazetteer.lookup(key)
        known = [n for n in (entry.name, *entry.aliases) if " " in n] if entry else []
        if entry is not None and known:
            # The gazetteer's sense keeps the key; every other sense is split off.
            others = [u for u in uses if not any(same_sense(u[1], n) for n in known)]
            senses = [[], *_group(others)]
        elif len(uses) < 2:
            continue
        else:
            senses = _group(uses)
        for sense in senses[1:]:
            sense_key = name_key(Counter(form for _i, form in sense).most_common(1)[0][0])
            for index, _form in sense:
                keys[(index, key)] = sense_key
    return keys


def _group(uses: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The uses grouped by sense, the sense most papers define first (then by its first long
    form, so builds are deterministic)."""
    groups: list[list[tuple[int, str]]] = []
    for use in uses:
        for group in groups:
            if same_sense(group[0][1], use[1]):
                group.append(use)
                break
        else:
            groups.append([use])
    return sorted(groups, key=lambda g: (-len(g), g[0][1].lower()))
