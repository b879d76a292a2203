"""Numeric claims about named benchmarks become Result nodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.extract import extract
from kg.nlp import shared_nlp
from kg.normalize import name_key
from kg.records import Paper
from kg.sources import read_papers

# Every numeric claim about a named benchmark in the sample abstracts, checked by hand against
# the text: (start of the title, benchmark, value). Claims about a benchmark the extractor does
# not recognize (Object-Hal), or whose value is shared by several benchmarks ("margins up to
# 9.3%" on AlpacaEval 2.0 and MT-Bench), are listed in NOT_CLAIMED and must not appear.
CHECKED = {
    ("Agent-Environment Alignment", "ALFWorld", 45.67),
    ("Aligning to Thousands of Preferences", "AlpacaEval 2.0", 4.0),
    ("Aligning to Thousands of Preferences", "MT-Bench", 0.1),
    ("Aligning to Thousands of Preferences", "Arena-Hard", 3.0),
    ("Curry-DPO", "MT-Bench", 7.43),  # "a score of 7.43 on MT-bench with Zephy-7B"
    ("Dissecting Human and LLM Preferences", "MT-Bench", 0.59),
    ("Dissecting Human and LLM Preferences", "AlpacaEval 2.0", 31.94),
    ("Easy-to-Hard Generalization", "MATH500", 34.0),
    ("General Preference Modeling", "RewardBench", 5.6),
    ("GrAInS", "TruthfulQA", 13.22),
    ("GrAInS", "MMHal-Bench", 0.514),
    ("GrAInS", "SPA-VL", 8.11),
    ("HelpSteer2-Preference", "RewardBench", 94.1),
    ("Let's Reason Formally", "MATH-500", 89.8),
    ("Let's Reason Formally", "AMC", 84.34),
    ("Let's Reason Formally", "MATH-500", 4.6),
    ("Let's Reason Formally", "AMC", 4.82),
    ("Making Large Language Models Better Planners", "nuScenes", 0.8),
    ("Making Large Language Models Better Planners", "nuScenes", 0.32),
    ("Making Large Language Models Better Planners", "DriveLM-nuScenes", 0.82),
    ("Making Large Language Models Better Planners", "DriveLM-nuScenes", 0.38),
    ("MindGYM", "MathVision-Mini", 16.0),
    ("Mitigating Hallucinations in Large Vision-Language", "AMBER", 13.26),
    ("Reasons to Reject", "AlpacaEval", 52.34),
    ("Reasons to Reject", "AlpacaEval", 91.36),
    ("Reward Shaping to Mitigate Reward Hacking", "AlpacaEval 2.0", 5.0),
    ("Scalable Reinforcement Post-Training", "Arena-Hard", 60.1),
    ("Scalable Reinforcement Post-Training", "Arena-Hard", 62.4),
    ("Self-Play Preference Optimization", "AlpacaEval 2.0", 28.53),
    ("TRACEALIGN", "ADB", 85.0),  # "Alignment Drift Benchmark (ADB)"
    ("Two Minds Better Than One", "RewardBench", 9.94),
    ("URPO", "AlpacaEval", 44.84),
    ("URPO", "RewardBench", 85.15),
    # Not found by the rules (kept here so the recall below is honest):
    ("Curry-DPO", "UltraFeedback", 87.9),  # "(90.7%, 87.1%, and 87.9% respectively)"
    ("InstructEngine", "DrawBench", 10.53),  # values belong to two models, far from the name
    ("InstructEngine", "DrawBench", 5.30),
}
NOT_CLAIMED = {
    ("TRACEALIGN", 0.2),  # "with delta less than 0.2": not a score on ADB
    ("Two Minds Better Than One", 40.0),  # "under an extreme 40% noise"
    ("URPO", 35.66),  # the "composite reasoning average", not AlpacaEval
    ("URPO", 83.55),  # the replaced reward model's score
    ("General Preference Modeling", 9.3),  # shared by AlpacaEval2.0 and MT-Bench
    ("Mitigating Hallucinations in Large Vision-Language", 5.39),  # Object-Hal
}


@pytest.fixture(scope="module")
def sample_results() -> set[tuple[str, str, float]]:
    found = set()
    nlp = shared_nlp()
    for paper in read_papers([Path(__file__).parent.parent / "samples"]):
        extraction = extract(paper, nlp(paper.text))
        for result in extraction.results:
            found.add((paper.title, name_key(result.benchmark), result.value))
    return found


def _titled(found: set[tuple[str, str, float]], start: str) -> set[tuple[str, float]]:
    return {(b, v) for t, b, v in found if t.startswith(start)}


def test_most_claims_in_the_samples_are_found(sample_results: set) -> None:
    hits = [c for c in CHECKED if (name_key(c[1]), c[2]) in _titled(sample_results, c[0])]
    assert len(hits) / len(CHECKED) >= 0.8, sorted(set(CHECKED) - set(hits))


def test_no_value_is_attached_to_a_wrong_benchmark(sample_results: set) -> None:
    allowed = {(t, name_key(b), v) for t, b, v in CHECKED}
    for title, bench, value in sample_results:
        assert any(title.startswith(t) and bench == b and value == v for t, b, v in allowed), (
            f"unchecked claim {bench} = {value} in {title!r}"
        )
    for start, value in NOT_CLAIMED:
        assert value not in {v for _b, v in _titled(sample_results, start)}


def claims(abstract: str) -> list[tuple[str, float, str, str | None, str | None]]:
    paper = Paper("A study", abstract)
    extraction = extract(paper, shared_nlp()(paper.text))
    return [(r.benchmark, r.value, r.kind, r.metric, r.model) for r in extraction.results]


def test_value_then_benchmark_with_model() -> None:
    assert claims("It gains 7.5% accuracy on GSM8K using Qwen2-7B.") == [
        ("GSM8K", 7.5, "delta", "accuracy", "Qwen2-7B")
    ]


def test_change_from_to() -> None:
    assert claims("Our method lowers the error rate on MMLU from 0.41 to 0.33.") == [
        ("MMLU", 0.33, "change", "error rate", None)
    ]


def test_respectively_pairs_in_order() -> None:
    found = claims("It reaches 71.2% and 45.0% on GSM8K and MATH, respectively.")
    assert [(b, v) for b, v, *_ in found] == [("GSM8K", 71.2), ("MATH", 45.0)]


@pytest.mark.parametrize(
    "abstract",
    [
        "We train on 52.5 million tokens and test on GSM8K.",  # a count, not a score
        "Results on GSM8K and MATH improve by up to 9.3% over the baseline models, overall.",
        "We use 16 GPUs and evaluate on TruthfulQA.",
        "On TruthfulQA, we study 40% of the data under an extreme noise setting.",
        "It scores 88.1% on the Zorblax suite, beating GSM8K baselines.",  # Zorblax unknown
    ],
)
def test_no_claim_when_the_pairing_is_unclear(abstract: str) -> None:
    assert claims(abstract) == []


def test_results_are_exported(sample_build: Path) -> None:
    graph = Graph().parse(sample_build / "kg.ttl", format="turtle")
    rows = graph.query("""
        PREFIX kg: <https://w3id.org/mlkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?value ?model WHERE {
          ?r kg:onBenchmark/skos:prefLabel "TruthfulQA" ; kg:value ?value ;
             kg:withModel/skos:prefLabel ?model ; kg:reportedIn ?paper ; kg:sentence ?s .
        }""")
    assert {(float(v), str(m)) for v, m in rows} == {(13.22, "Llama-3.1-8B")}
