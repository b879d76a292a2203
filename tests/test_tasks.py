"""The task rules (kg.tasks): each with sentences where it must fire and where it must not (a
method named like a problem, a field, a property), and the wiring of tasks into the cache,
the graph and the RDF export."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from kg import resources
from kg.cache import decode, encode
from kg.errors import ResourceError
from kg.pipeline import build_from_papers
from kg.rdf import KG, to_rdf
from kg.records import EntityType, Evidence, Extraction, Mention, Paper, TaskMention
from kg.tasks import find_tasks, phrase_key, same_problem, title_case

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_tasks.py"


def tasks(title: str, abstract: str = "") -> list[TaskMention]:
    text = f"{title}\n\n{abstract}"
    return list(find_tasks(text, [Evidence(text, 0, len(text))]))


def names(title: str, abstract: str = "") -> list[str]:
    return [t.name for t in tasks(title, abstract)]


# Title rules


def test_title_task_after_for_is_the_main_task_and_keeps_the_wording() -> None:
    found = tasks("WeatherEdit: Controllable Weather Editing with 4D Gaussian Field")
    assert found[0].name == "Weather Editing" and found[0].main
    assert "Controllable Weather Editing" in found[0].aliases
    assert found[0].rule.startswith("task:title")


def test_title_task_named_by_the_vocabulary_links_its_page() -> None:
    found = tasks("Revisiting Greedy Decoding for Visual Question Answering: A Calibration View")
    assert found[0].name == "Visual Question Answering"
    assert found[0].slug == "visual-question-answering"


def test_means_after_via_is_no_title_task() -> None:
    found = names(
        "Semi-Supervised Biomedical Image Segmentation via Spatial Reasoning and Grid Modeling"
    )
    assert found[0] == "Semi-Supervised Biomedical Image Segmentation"
    assert "Grid Modeling" not in found and "Spatial Reasoning" not in found


def test_title_action_names_the_problem() -> None:
    assert names("Identifying Primary Stress Across Related Languages and Dialects") == [
        "Primary Stress Identification"
    ]
    assert names("Precise Diagnosis of Acute Lymphoblastic Leukemia from Bone Marrow Smears")[
        0
    ] == ("Acute Lymphoblastic Leukemia Diagnosis")


def test_means_named_before_the_problem_do_not_make_a_task() -> None:
    found = names("Transformer-Based Catheter Tip Tracking in Fluoroscopy")
    assert found == ["Catheter Tip Tracking"]


# Abstract rules


def test_cued_vocabulary_tasks_in_a_list_are_all_kept() -> None:
    found = names(
        "SL-INR: A Learnable Activation",
        "Our method performs well across diverse tasks, including 3D shape reconstruction, "
        "single image super-resolution, CT reconstruction, and novel view synthesis.",
    )
    assert {"3D Shape Reconstruction", "Novel View Synthesis", "CT Reconstruction"} <= set(found)


def test_a_task_named_once_in_passing_is_not_kept() -> None:
    text = "Unlike semantic segmentation, priors here are learned."
    assert names("A Study of Priors", text) == []


def test_task_word_modifying_a_noun_is_no_task() -> None:
    assert names("Harmonization of CT reconstruction kernels with a cycle GAN") == [
        "CT Reconstruction Kernels Harmonization"
    ] or "CT Reconstruction" not in names("A note", "We harmonize CT reconstruction kernels.")


def test_acronym_becomes_an_alias() -> None:
    found = tasks(
        "A Study",
        "We study visual question answering (VQA). On VQA benchmarks our model leads.",
    )
    assert found[0].name == "Visual Question Answering" and "VQA" in found[0].aliases


def test_specific_task_keeps_the_general_wording() -> None:
    found = tasks(
        "Taming Diffusion for Real-Time Mobile Video Generation",
        "Video generation on phones is slow. We target video generation on device.",
    )
    assert [t.name for t in found] == ["Mobile Video Generation"]
    assert "video generation" in found[0].aliases


# Where the rules must not fire


def test_a_method_named_like_a_problem_is_no_task() -> None:
    assert "Flow Matching" not in " ".join(names("Pyramidal Flow Matching via Transformers"))
    assert names(
        "A Compact Student",
        "We apply knowledge distillation to compress the model for knowledge distillation tasks.",
    ) == []


def test_a_technique_studied_as_the_problem_in_the_title_is_a_task() -> None:
    assert names("Improving Knowledge Distillation Under Unknown Covariate Shift")[0] == (
        "Knowledge Distillation"
    )


def test_a_field_is_no_task() -> None:
    assert names(
        "Advances for Computer Vision",
        "Deep learning advanced computer vision and natural language processing tasks, and "
        "machine learning for robotics.",
    ) == []


def test_a_property_is_no_task() -> None:
    assert names(
        "Efficient Inference",
        "We improve the computational efficiency and robustness of inference for efficiency.",
    ) == []


def test_generic_task_word_alone_is_no_task() -> None:
    assert names("Better Detection", "We improve detection for segmentation tasks.") == []


# Names and resources


def test_title_case_keeps_acronyms_and_small_words() -> None:
    assert title_case(["text-to-image", "generation"]) == "Text-to-Image Generation"
    assert title_case(["3D", "object", "detection"]) == "3D Object Detection"
    assert title_case(["cOntext", "aliGnment"]) == "Context Alignment"
    assert phrase_key("Language Modelling") == phrase_key("language modeling")


def test_bad_task_lexicon_is_one_resource_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "tasks.json").write_text('{"heads": "detection"}', encoding="utf-8")
    monkeypatch.setattr(resources, "ontology_dir", lambda: tmp_path)
    resources.task_lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"tasks\.json: 'heads' must be a list"):
            resources.task_lexicon()
    finally:
        resources.task_lexicon.cache_clear()


def test_bad_task_vocabulary_row_is_one_resource_error(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "gazetteers" / "tasks"
    folder.mkdir(parents=True)
    (folder / "pwc-tasks.jsonl").write_text('{"name": 3}\n', encoding="utf-8")
    monkeypatch.setattr(resources, "ontology_dir", lambda: tmp_path)
    resources.task_vocabulary.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"pwc-tasks\.jsonl:1: bad task row"):
            resources.task_vocabulary()
    finally:
        resources.task_vocabulary.cache_clear()


def test_vocabulary_builder_drops_junk_and_keeps_acronyms() -> None:
    spec = importlib.util.spec_from_file_location("build_tasks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.clean_name('"Visual Question Answering (VQA)"') == (
        "Visual Question Answering",
        ["VQA"],
    )
    for junk in (
        "How do I speak with someone at Expedia?",
        "2D Semantic Segmentation task 2 (17 classes)",
        "Speech Synthesis - Telugu",
        "16k",
        "MTEB Benchmark",
        "Translation arz-spa",
    ):
        assert module.clean_name(junk) is None, junk


def test_shipped_vocabulary_is_clean_and_small() -> None:
    path = resources.task_vocabulary_file()
    assert path.stat().st_size < 1_000_000
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 3000
    assert not any("?" in r["name"] or "http" in r["name"] for r in rows)


# Wiring: cache, graph, RDF

PAPER = Paper(
    "WeatherEdit: Controllable Weather Editing with 4D Gaussian Fields",
    "We study weather editing for driving scenes and evaluate semantic segmentation tasks "
    "on the Cityscapes dataset.",
)


def test_tasks_survive_the_cache() -> None:
    found = tuple(tasks(PAPER.title, PAPER.abstract))
    assert found
    extraction = Extraction(PAPER, (), (), (), found)
    assert decode(PAPER, encode(extraction)).tasks == found


def test_task_nodes_and_statements_in_the_export() -> None:
    graph = build_from_papers([PAPER])
    task_nodes = {n: d for n, d in graph.nodes(data=True) if d["type"] == "Task"}
    assert "task:weatherediting" in task_nodes
    roles = {k for _, t, k in graph.edges(keys=True) if t == "task:weatherediting"}
    assert roles == {"addressesTask", "mainTask"}
    edge = graph.get_edge_data(next(n for n in graph if n.startswith("paper:")),
                               "task:weatherediting")["addressesTask"]
    assert edge["rule"].startswith("task:title") and edge["sentence"]
    rdf = to_rdf(graph)
    segmentation = next(
        s for s in rdf.subjects(RDF.type, KG.Task)
        if str(rdf.value(s, SKOS.prefLabel)) == "Semantic Segmentation"
    )
    assert rdf.value(segmentation, RDFS.seeAlso) == URIRef(
        "https://paperswithcode.com/task/semantic-segmentation"
    )
    mentions = list(rdf.subjects(KG.role, KG.mainTask))
    assert len(mentions) == 1 and rdf.value(mentions[0], KG.rule) is not None


# One problem under two names; cues; techniques


def test_names_of_one_problem_in_a_paper_are_one_task() -> None:
    found = tasks(
        "Anatomy-Aware Low-Dose CT Denoising with Frozen Encoders",
        "Our LDCT denoising model is trained on scans. Tumor classification and tumor "
        "detection both follow from the features.",
    )
    assert [t.name for t in found][:1] == ["Low-Dose CT Denoising"]
    assert "LDCT Denoising" not in [t.name for t in found]
    assert "LDCT denoising" in found[0].aliases


def test_same_problem_needs_the_same_object_and_task_word() -> None:
    assert same_problem("Low-Dose CT Denoising", "LDCT Denoising")
    assert same_problem("Brain Tumor Classification", "Brain Tumor Detection")
    assert same_problem("Weather Editing", "Weather Background Editing")
    assert not same_problem("Image Classification", "Image Segmentation")
    assert not same_problem("3D Object Detection", "3D Lane Detection")
    assert not same_problem("Tumor Detection", "Tumor Generation")


def test_vocabulary_task_named_once_in_the_abstract_is_kept() -> None:
    assert "Speaker Verification" in names(
        "A Study of Voice Encoders", "The learned embeddings also help speaker verification."
    )


def test_a_cue_reaches_over_the_words_a_phrase_is_trimmed_of() -> None:
    text = "Our agent advances generalized multi-step spatial reasoning with rewards."
    assert "Multi-Step Spatial Reasoning" in names("A Study of Agents", text)


def test_is_a_problem_after_the_phrase_is_a_cue() -> None:
    text = "Farms lose crops every year. Leaf disease identification remains a hard problem."
    assert "Leaf Disease Identification" in names("A Study of Farms", text)
    assert names("A Study of Farms", "Farms lose crops. Leaf disease identification is done.") == []


def test_a_technique_the_paper_uses_is_no_task() -> None:
    title = "A Study of Referring"
    text = f"{title}\n\nWe train with reinforcement fine-tuning (RFT) for reinforcement fine-tuning"
    start = text.index("reinforcement")
    rft = Mention(
        "reinforcement fine-tuning",
        EntityType.METHOD,
        start,
        start + 25,
        Evidence(text, 0, len(text)),
        "shape",
        canonical="RFT",
        alias="reinforcement fine-tuning",
    )
    found = find_tasks(text, [Evidence(text, 0, len(text))], [rft])
    assert [t.name for t in found] == []
    assert [t.name for t in find_tasks(text, [Evidence(text, 0, len(text))])] != []


def test_own_method_named_after_a_technique_is_no_task() -> None:
    title = "SGKD: Student Guided Knowledge Distillation for Image Super-Resolution"
    text = f"{title}\n\nWe propose Student Guided Knowledge Distillation (SGKD)."
    own = Mention(
        "SGKD",
        EntityType.METHOD,
        0,
        4,
        Evidence(text, 0, len(text)),
        "proposal",
        canonical="SGKD",
        alias="Student Guided Knowledge Distillation",
        proposed=True,
    )
    found = [t.name for t in find_tasks(text, [Evidence(text, 0, len(text))], [own])]
    assert "Knowledge Distillation" not in found and "Image Super-Resolution" in found


def test_own_method_named_by_its_task_keeps_the_task() -> None:
    title = "Scalable Class-Incremental Learning Based on Parametric Neural Collapse"
    text = f"{title}\n\nWe propose {title.lower()} (SCL-PNC)."
    own = Mention(
        "SCL-PNC",
        EntityType.METHOD,
        len(text) - 9,
        len(text) - 2,
        Evidence(text, 0, len(text)),
        "proposal",
        canonical="SCL-PNC",
        alias=title.lower(),
        proposed=True,
    )
    found = [t.name for t in find_tasks(text, [Evidence(text, 0, len(text))], [own])]
    assert found[:1] == ["Class Incremental Learning"]


def test_title_heads_coin_a_task_only_in_the_title() -> None:
    assert names("Bridging Theory and Practice in Link Representation with Graph Networks")[:1] == [
        "Link Representation"
    ]
    assert names("A Study", "We build a dense scene representation for robots.") == []


def test_a_means_before_a_task_word_is_no_task() -> None:
    assert names("Context-Preserving Verification for Fast Decoding") == []
    assert names("A Study", "We study diffusion-based generation of text.") == []


def test_analysis_and_decision_making_are_tasks_only_in_a_title() -> None:
    assert names("Speaker Aging Analysis at Scale")[:1] == ["Speaker Aging Analysis"]
    text = "It supports clinical decision-making and relies on accurate image analysis for care."
    assert names("A Study of Records", text) == []


def test_a_model_named_before_a_generic_task_word_is_no_task() -> None:
    assert names("A Test Set", "It is made to evaluate LLM reasoning capabilities in Hindi.") == []


def test_a_plural_word_in_the_abstract_is_no_task_word() -> None:
    assert names("A Safety Model", "A model trained on English text transfers to new data.") == []


def test_manipulation_alone_in_a_robot_paper_is_robot_manipulation() -> None:
    text = "We train closed-loop manipulation policies on a robot arm."
    found = tasks("A Diffusion Policy in Fourier Space", text)
    assert [t.name for t in found] == ["Robot Manipulation"]
    assert names("A Diffusion Policy", "We study the manipulation of prices by traders.") == []


def test_bare_robot_task_word_counts_for_the_kind_the_paper_names() -> None:
    text = "Robots fail at grasping moving objects; grasping needs speed."
    found = names("A Benchmark for Dynamic Dexterous Grasping in Handover", text)
    assert "Dexterous Grasping" in found and "Robotic Grasping" not in found


def test_a_task_named_as_where_a_method_applies_is_no_task() -> None:
    text = "Depth models serve autonomous driving applications and robotics well."
    assert names("A Study of Depth", text) == []
    text = "It shows promise for autonomous driving simulation in bad weather."
    assert names("A Study of Weather", text) == []
    assert names("End-to-End Autonomous Driving with Structured Labels")[:1] == [
        "Autonomous Driving"
    ]


def test_a_phrase_that_begins_a_name_or_counts_things_is_no_task() -> None:
    text = "Large Reasoning Models (LRMs) think long. We test nine generation models."
    assert names("A Study of Safety", text) == []


def test_british_spellings_are_the_same_task() -> None:
    assert phrase_key("Object Localisation") == phrase_key("object localization")
    found = tasks("Educational Summarisation at Scale")
    assert [phrase_key(t.name) for t in found] == ["educationalsummarization"]


def test_new_task_words_name_problems_of_graphics_security_and_vision() -> None:
    assert names("Zero-shot Object Compositing from Image Intrinsics")[:1] == ["Object Compositing"]
    assert names("Physically-Grounded Anti-Aliasing for Gaussian Splatting")[:1] == [
        "Anti-Aliasing"
    ] or "Physically-Grounded Anti-Aliasing" in names(
        "Physically-Grounded Anti-Aliasing for Gaussian Splatting"
    )
    assert names("A Study", "It serves remote sensing and we study nothing else.") == []
