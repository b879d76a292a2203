"""Proposal rules added for papers outside alignment, each where it must fire and where not."""

from __future__ import annotations

from kg.extract import mentions
from kg.nlp import shared_nlp
from kg.proposals import title_head
from kg.records import Paper


def proposed(title: str, abstract: str) -> dict[str, bool]:
    doc = shared_nlp()(Paper(title, abstract).text)
    return {m.canonical: m.proposed for m in mentions(doc)}


def test_a_passive_introduction_proposes() -> None:
    result = proposed("Gait", "A benchmark dataset, RUET-QAIT, is introduced for outdoor gait.")
    assert result["RUET-QAIT"] is True
    # Past tense tells of earlier work.
    assert (
        proposed("Gait", "QaitSet was introduced by others; we use QaitSet.").get("QaitSet")
        is not True
    )


def test_our_strategy_and_a_novel_architecture_propose() -> None:
    assert proposed("Splats", "Our strategy, NQS, injects noise into splats.")["NQS"] is True
    result = proposed("Lesions", "A novel Deep-QNet architecture segments lesions.")
    assert result["Deep-QNet"] is True


def test_a_lower_case_title_head_that_opens_a_sentence() -> None:
    title = "bbqsolver: A Unified Solver for Vector Paths"
    abstract = "bbqsolver frames the task as reduction. It is fast."
    assert title_head(title, abstract) == (0, 9)
    assert proposed(title, abstract)["bbqsolver"] is True
    # A topic word that no sentence opens with is no name.
    assert title_head("alignment: a survey", "We survey alignment methods.") is None


def test_an_acronym_opens_a_hyphenated_proposal() -> None:
    result = proposed("RT-qache: Retrieval", "This paper introduces RT-qache, a pipeline.")
    assert result["RT-qache"] is True
    # A participle after the acronym is a modifier: "KD-guided pruning".
    assert "KD-guided" not in proposed("Pruning", "We propose KD-guided pruning for video models.")


def test_the_rule_id_names_the_proposal_rule() -> None:
    doc = shared_nlp()(Paper("ZetaQX: Fast Planning", "We present ZetaQX for grasping.").text)
    rules = {m.canonical: m.rule for m in mentions(doc)}
    assert rules["ZetaQX"].startswith("proposal:")
    assert rules["ZetaQX"] != "proposal"


def test_a_lower_case_long_form_is_no_coinage() -> None:
    result = proposed("Memory", "We measure how often models leak personally held records (PHRX).")
    assert result.get("PHRX") is not True
    coined = proposed("Memory", "We add Weighted Record Filtering (WRF) to the loss.")
    assert coined["WRF"] is True


def test_a_task_named_in_a_claim_is_not_proposed() -> None:
    result = proposed(
        "QuizSticks: A Benchmark",
        "We introduce QuizSticks, a benchmark for Visual Symbolic Compositional Reasoning, "
        "built from puzzles.",
    )
    assert result["QuizSticks"] is True
    assert "Visual Symbolic Compositional Reasoning" not in result
    # The tracking task of speech dialogue is a task, not the paper's acronym.
    spoken = proposed("Speech", "We approach spoken Dialogue State Tracking (DSTX) with LLMs.")
    assert spoken.get("DSTX") is not True


def test_a_sentence_about_the_papers_own_name_presents_its_parts() -> None:
    title = "Quorbit: Reconstruction from a Phone Video"
    abstract = (
        "We present Quorbit, a framework for reconstruction. Quorbit addresses both problems "
        "with two designs: Pivot Frame Packing (PFP) compresses views, while an Orbit Token "
        "Mixer module shares context."
    )
    result = proposed(title, abstract)
    assert result["PFP"] is True
    assert result["Orbit Token Mixer"] is True
    # The same sentence about earlier work presents nothing of the paper's own.
    other = proposed(
        "Views", "Earlier work addresses both problems with Pivot Frame Packing (PFP)."
    )
    assert other.get("PFP") is not True


def test_the_framework_as_subject_presents_its_modules() -> None:
    abstract = (
        "We propose a unified detection framework. The framework consists of two modules: a "
        "Shape-Aware Depth Mapper to keep geometry, and a Text Feature Adaptor for alignment."
    )
    result = proposed("Detection", abstract)
    assert result.get("Shape-Aware Depth Mapper") is True
