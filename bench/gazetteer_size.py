"""Gazetteer matching time against gazetteer size, on real abstracts.

    python bench/gazetteer_size.py [--corpus ../shared/corpus] [--papers 2000]

The shipped gazetteers are padded with made-up names (coined single words and multi-word
phrases, half of each kind) up to each size; the texts are tokenized before the clock starts,
then only the gazetteer component (`kg.gazetteer.GazetteerMatcher`, two spaCy PhraseMatchers)
is timed. A matcher whose cost grew with its entries would show it here.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from build_scale import corpus_rows  # noqa: E402


def padded_entries(size: int, seed: int = 13) -> tuple:
    from kg import gazetteer
    from kg.records import EntityType

    real = gazetteer.load_entries()
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made: list = []
    while len(real) + len(made) < size:
        stem = "".join(rng.choice(letters) for _ in range(6)).capitalize()
        if len(made) % 2:
            name = f"{stem} {rng.choice(['Alignment', 'Preference', 'Reward'])} Optimization"
        else:
            name = f"{stem}{rng.choice(['DPO', 'Bench', 'Net', '-RL'])}"
        made.append(gazetteer.Entry(name, EntityType.METHOD, (), "bench"))
    return real + tuple(made)


def match_seconds(texts: list[str], size: int) -> tuple[float, float, int, int]:
    from kg import gazetteer
    from kg.nlp import make_nlp

    entries = padded_entries(size)
    gazetteer.load_entries.cache_clear()
    gazetteer.index.cache_clear()
    original = gazetteer.load_entries
    gazetteer.load_entries = lambda: entries  # type: ignore[assignment]
    try:
        built = time.perf_counter()
        nlp = make_nlp()
        built = time.perf_counter() - built
        matcher = nlp.get_pipe("kg_gazetteer")
        docs = [nlp.make_doc(text) for text in texts]
        started = time.perf_counter()
        found = 0
        for doc in docs:
            found += len(matcher(doc).spans[gazetteer.CANDIDATES])
        return time.perf_counter() - started, built, len(entries), found
    finally:
        gazetteer.load_entries = original
        gazetteer.index.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[0, 10_000, 50_000, 100_000])
    args = parser.parse_args()
    rows = list(islice(corpus_rows(args.corpus), args.papers))
    texts = [f"{r['title']}\n\n{r['abstract']}" for r in rows]
    print(f"gazetteer matching on {len(texts)} abstracts (tokenized beforehand):")
    for size in args.sizes:
        seconds, built, entries, found = match_seconds(texts, size)
        print(
            f"  {entries:7d} entries: {seconds:6.3f} s, "
            f"{1000 * seconds / len(texts):.3f} ms per paper, {found} matches "
            f"(pipeline built in {built:.1f} s)"
        )


if __name__ == "__main__":
    main()
