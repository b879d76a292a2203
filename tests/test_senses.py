"""Acronym senses across papers (kg.senses): one node per sense a paper defines, not per
string; the gazetteer's sense keeps a known name."""

from __future__ import annotations

from kg.engines import extract_papers
from kg.records import Paper
from kg.resolve import resolve
from kg.senses import same_sense


def entities(*abstracts: str) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    papers = [Paper(f"Paper {i}", text) for i, text in enumerate(abstracts)]
    resolved = resolve(extract_papers(papers, jobs=1).extractions)
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for entity in resolved.entities:
        found.setdefault(entity.name, []).append((entity.key, entity.aliases))
    return found


def test_long_forms_of_one_sense() -> None:
    assert same_sense("Class Activation Maps", "class activation mapping")
    assert same_sense("3D Gaussian Splatting", "Gaussian Splatting")
    assert not same_sense("Anchor confidence generator", "Answer Condition Generator")
    assert not same_sense("Adams-Bashforth-Moulton", "agent-based modeling")


def test_two_papers_defining_one_acronym_otherwise_get_two_entities() -> None:
    found = entities(
        "We propose the Cross Feature Consistency (CFC) module for robust segmentation.",
        "We propose the Cross Feature Consistency (CFC) module for depth estimation.",
        "We propose a regularizer, Cooperation Feature Consistency (CFC), for fused features.",
    )
    senses = {aliases for _key, aliases in found["CFC"]}
    assert len(found["CFC"]) == 2
    assert ("Cross Feature Consistency",) in senses
    assert ("Cooperation Feature Consistency",) in senses


def test_one_sense_spelled_two_ways_stays_one_entity() -> None:
    found = entities(
        "BackMix estimates the foreground with Zorbic Activation Maps (ZAMs) for training.",
        "Our method is guided by Zorbic Activation Mapping (ZAM) of the classifier.",
    )
    assert len(found["ZAM"]) == 1


def test_a_known_name_defined_otherwise_is_split_from_the_gazetteer_sense() -> None:
    # The gazetteer's MAE is the metric Mean Absolute Error.
    found = entities(
        "We pretrain the Masked Autoencoder (MAE) framework on unlabeled scans.",
        "We report the Mean Absolute Error (MAE) of every forecaster.",
    )
    keys = {key for key, _aliases in found["MAE"]}
    assert len(keys) == 2 and "mae" in keys
