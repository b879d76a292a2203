"""Each extraction rule on sentences written for the test, including ones where it must not fire."""

from __future__ import annotations

import pytest

from kg.acronyms import find_definitions
from kg.extract import mentions, plausible, title_type
from kg.names import find_models, is_coined
from kg.nlp import shared_nlp
from kg.proposals import title_head
from kg.records import EntityType, Paper
from kg.urls import clean_url, repository
from kg.variants import acronym_variant, name_variant, text_variants


def found(title: str, abstract: str) -> dict[str, tuple[EntityType, bool]]:
    doc = shared_nlp()(Paper(title, abstract).text)
    return {m.canonical: (m.label, m.proposed) for m in mentions(doc)}


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "we train with Direct Preference Optimization (DPO) on",
            "DPO",
            "Direct Preference Optimization",
        ),
        ("While SFT (supervised fine-tuning) is fast", "SFT", "supervised fine-tuning"),
        ("Reward rAnked FineTuning (RAFT) is", "RAFT", "Reward rAnked FineTuning"),
        (
            r"we use \textbf{Direct Preference Optimization (DPO)}",
            "DPO",
            "Direct Preference Optimization",
        ),
    ],
)
def test_acronym_definitions(text: str, short: str, long: str) -> None:
    (definition,) = find_definitions(text)
    assert (definition.short, definition.long) == (short, long)


@pytest.mark.parametrize(
    "text",
    [
        "the model (GPT-4) is",
        "results (see Table 2) show",
        "in (a) and (b)",
        # Eight words for three letters: longer than Schwartz & Hearst allow.
        "which doubles as an exact reward for preference optimization (DPO) and",
    ],
)
def test_no_definition_without_a_long_form(text: str) -> None:
    assert list(find_definitions(text)) == []


@pytest.mark.parametrize("word", ["GRAO", "AlignDiff", "Curry-DPO", "GSM8K", "rDPO", "Best-of-N"])
def test_coined_names(word: str) -> None:
    assert is_coined(word)


@pytest.mark.parametrize(
    "word", ["Human-AI", "LLM-based", "Text-to-Image", "Alignment", "3D", "KL-regularized"]
)
def test_ordinary_words_are_not_names(word: str) -> None:
    assert not is_coined(word)


def test_model_names_with_versions() -> None:
    text = (
        "We fine-tune Llama-3.1-8B-Instruct and compare with Claude 3.5 Sonnet and gpt-3.5-turbo."
    )
    assert [text[a:b] for a, b in find_models(text)] == [
        "Llama-3.1-8B-Instruct",
        "Claude 3.5 Sonnet",
        "gpt-3.5-turbo",
    ]


def test_a_score_after_a_model_name_is_no_version() -> None:
    text = "MobileNetV2 reaches 91.59%, compared to ViT 86.54% and Gemini 1.5 at 80.1%."
    assert [text[a:b] for a, b in find_models(text)] == ["ViT", "Gemini 1.5"]


def test_versioned_names() -> None:
    result = found(
        "PaliGemma 2: A Family of Versatile VLMs for Transfer",
        "PaliGemma 2 is an upgrade of PaliGemma. We also release Magistral Medium, and use the "
        "[CLS] token of the encoder.",
    )
    assert result["PaliGemma 2"] == (EntityType.MODEL, True)
    assert result["Magistral Medium"][0] is EntityType.MODEL
    assert "CLS" not in result
    result = found("Seedance 1.0: Exploring Video Generation", "We present Seedance 1.0.")
    assert result["Seedance 1.0"] == (EntityType.MODEL, True)


def test_a_task_that_opens_the_title_is_not_proposed() -> None:
    result = found(
        "Interactive Medical Image Segmentation: A Benchmark Dataset and Baseline",
        "Interactive Medical Image Segmentation (IMIS) lacks data. We introduce the IMed-361M "
        "benchmark dataset.",
    )
    assert "IMIS" not in result
    assert result["IMed-361M"][1] is True


def test_title_head() -> None:
    title = "CoDA: Collaborative Novel Box Discovery"
    start, end = title_head(title)
    assert title[start:end] == "CoDA"
    assert title_head("Large Language Model Alignment: A Survey") is None
    assert title_head("Alignment: A Survey") is None


def test_proposal_and_typing_from_context() -> None:
    result = found(
        "GenoTEX: A Benchmark for Automated Gene Expression Analysis",
        "We introduce GenoTEX, a benchmark dataset for gene analysis. We also present GenoAgent, "
        "a team of LLM-based agents. Experiments use GPT-4.",
    )
    assert result["GenoTEX"] == (EntityType.BENCHMARK, True)
    assert result["GenoAgent"][1] is True
    assert result["GPT-4"] == (EntityType.MODEL, False)
    assert "LLM" not in result and "LLM-based" not in result


def test_acronym_becomes_the_name_and_generic_words_are_dropped() -> None:
    result = found(
        "A study",
        "Reinforcement Learning from Human Feedback (RLHF) aligns large language models (LLMs). "
        "We use reinforcement learning and fine-tuning with a reward model.",
    )
    assert result["RLHF"][0] is EntityType.METHOD
    assert not {"LLM", "LLMs", "reward model"} & set(result)


def test_a_known_name_used_as_a_modifier_is_a_mention() -> None:
    result = found("A study", "We compare GRPO to PPO-based RLHF and to a DPO-Shift baseline.")
    assert result["PPO"][0] is EntityType.METHOD
    assert "DPO" not in result  # DPO-Shift is another method, not a use of DPO


def test_venues_are_not_names() -> None:
    result = found(
        "A challenge report",
        "We present our entry to the WBC challenge at IEEE ISBI 2025, a follow-up of the "
        "MICCAI 2024 and ICASSP 2025 challenges, and compare it with GRPO-Seg.",
    )
    assert not {"IEEE", "ISBI", "MICCAI", "ICASSP"} & set(result)
    assert "GRPO-Seg" in result


def test_lower_case_description_without_acronym_is_not_a_name() -> None:
    assert "SFT" not in found("A study", "We apply supervised fine-tuning to the policy.")
    assert "SFT" in found("A study", "We apply Supervised Fine-Tuning (SFT) to the policy.")


def test_variant_names() -> None:
    assert name_variant("Curry-DPO", "DPO", parent_known=True)
    assert name_variant("rDPO", "DPO", parent_known=True)
    assert name_variant("SoftREPA", "REPA", parent_known=True)
    assert name_variant("Online DPO", "DPO", parent_known=True)
    assert name_variant("Multi-Action-Head DPO", "DPO", parent_known=True)
    assert name_variant(
        "Retrieval-Augmented Direct Preference Optimization",
        "Direct Preference Optimization",
        parent_known=False,
    )
    assert not name_variant("MaxMin-RLHF", "MaxMin", parent_known=False)
    assert not name_variant("DPO", "DPO", parent_known=True)
    assert not name_variant("DPOX", "DPO", parent_known=True)
    assert not name_variant("GRPO", "RPO", parent_known=True)


def test_variants_from_the_text() -> None:
    names = {
        "pro": ("PRO",),
        "bt": ("Bradley-Terry",),
        "rsf": ("RSF", "Rejection Sampling"),
        "rlhf": ("RLHF",),
        "ppo": ("PPO",),
    }
    sentences = [
        "PRO extends the pairwise Bradley-Terry comparison to rankings.",
        "We fine-tune with a variant of Rejection Sampling (RSF), an RLHF method.",
        "PRO is compared with PPO on three tasks.",  # no variant cue
    ]
    assert text_variants(sentences, names) == [("pro", "bt"), ("rsf", "rlhf")]


def test_variants_named_after_their_parent() -> None:
    names = {
        "3dgs": ("3DGS",),
        "osp": ("OpenSplatQ",),
        "sft": ("supervised fine-tuning",),
        "poft": ("PoQT",),
    }
    own = frozenset({"osp", "poft"})
    sentences = [
        "In this paper, we extend the capabilities of 3DGS by introducing an approach, termed "
        "OpenSplatQ.",
        "We introduce a preference-oriented supervised fine-tuning approach, namely PoQT.",
    ]
    assert text_variants(sentences, names, own) == [("osp", "3dgs"), ("poft", "sft")]
    # Only the paper's own names are children named after the parent.
    assert text_variants(sentences, names) == []


def test_an_acronym_built_on_a_parent_acronym() -> None:
    assert acronym_variant("CMMD", "Cluster Maximum Mean Discrepancy", "MMD")
    assert not acronym_variant("CMMD", "Cluster Mean Distance", "MMD")
    assert not acronym_variant("CMMD", "Cluster MMD", "MMD")  # no long form to spell it


def test_a_method_named_after_a_known_one_names_it() -> None:
    result = found("RLHF-V: Towards Trustworthy MLLMs", "We present RLHF-V, which corrects errors.")
    assert "RLHF-V" in result and "RLHF" in result


def test_repository_urls() -> None:
    assert repository("https://github.com/o/n.git") == "https://github.com/o/n"
    assert repository("https://github.com/o/n/tree/main/src") == "https://github.com/o/n"
    assert repository("https://o.github.io/n") is None
    assert clean_url("https://aligndiff.github.io/.") == "https://aligndiff.github.io/"
    assert clean_url("https://x.io/a).") == "https://x.io/a"
    assert clean_url("https://x.io/a_(b)") == "https://x.io/a_(b)"


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("GenoTEX: A Benchmark for Gene Expression", EntityType.BENCHMARK),
        # Data made for measuring is a benchmark (guidelines: "a resource built for evaluation").
        ("VisAlign: Dataset for Measuring Alignment", EntityType.BENCHMARK),
        ("Nexus-Gen: A Unified Model for Image Understanding", EntityType.MODEL),
        ("Re-Align: Aligning Vision Language Models via Retrieval", None),
        ("DeAL: Decoding-time Alignment for Large Language Models", None),
        ("No colon in this title", None),
    ],
)
def test_title_type(title: str, label: EntityType | None) -> None:
    assert title_type(title) is label


def test_appositive_head_types_the_name() -> None:
    assert (
        found("A study", "We introduce ValueBank, a large-scale corpus that lists values.")[
            "ValueBank"
        ][0]
        is EntityType.DATASET
    )
    assert (
        found("A study", "We introduce ValueBank, a benchmark dataset of values.")["ValueBank"][0]
        is EntityType.BENCHMARK
    )


@pytest.mark.parametrize(
    ("name", "rule", "expected"),
    [
        ("Re-Align", "proposal", True),
        ("Re-Align", "shape", False),
        ("Baichuan Alignment", "proposal", True),
        ("Making Multi-Objective Alignment", "proposal", False),
        ("Preference", "proposal", False),
        ("SALMON", "proposal", True),
        ("EP1", "shape", False),
        ("LLM-based", "proposal", False),
    ],
)
def test_plausible_names(name: str, rule: str, expected: bool) -> None:
    assert plausible(name, rule) is expected


def test_two_letter_acronyms_are_concepts_unless_introduced() -> None:
    result = found(
        "A study", "We align Knowledge Graphs (KG) and use Direct Preference Optimization (DPO)."
    )
    assert "KG" not in result and "DPO" in result


def test_the_texts_acronym_wins_over_a_gazetteer_alias() -> None:
    # The gazetteer lists "Rejection Sampling Fine-Tuning" as RFT; this text calls it RSF.
    result = found("A study", "We compare with Rejection Sampling Finetuning (RSF) on the task.")
    assert "RSF" in result and "RFT" not in result


def test_title_in_capitals_has_no_head_name() -> None:
    assert title_head("BEYOND DIALOGUE: A Profile-Dialogue Alignment Framework") is None


def test_gazetteer_entry_named_by_a_generic_word_is_ignored() -> None:
    # PwC lists VAE (generic here) with the alias "Variational Autoencoder": no crash, no entity.
    result = found("A VAE paper", "We train a Variational Autoencoder and a VAE with GPT-4.")
    assert set(result) == {"GPT-4"}


@pytest.mark.parametrize(
    "abstract",
    [
        "Results on " + " ".join(["ABC"] * 400) + " x.",
        "We propose " + " ".join(["Name"] * 400),
        "a." * 2000 + " io",
        "(" * 500 + "DPO" + ")" * 500,
        "On GSM8K, " * 300 + "we gain 1.5% 2.5% 3.5%" * 50,
        "Benchmarks: " + ", ".join(["Alpha Beta Gamma Delta"] * 200),
    ],
    ids=["caps-run", "propose-run", "dots", "parens", "repeats", "long-list"],
)
def test_pathological_text_is_processed(abstract: str) -> None:
    """Every pattern is linear in the text: these took minutes with nested quantifiers."""
    found("A study", abstract)


def test_title_case_names_inside_a_claim_are_proposed() -> None:
    result = found(
        "Fair Judges",
        "We propose a calibration framework with two strategies: 1) Swapped Order Voting, "
        "which asks twice; 2) Evidence-First Scoring, which explains first. "
        "Later, Large Language Models are compared.",
    )
    assert result["Swapped Order Voting"] == (EntityType.METHOD, True)
    assert result["Evidence-First Scoring"] == (EntityType.METHOD, True)
    assert "Large Language Models" not in result  # a model class, even in title case


def test_title_case_phrase_outside_a_claim_is_not_a_name() -> None:
    result = found("Judges", "Prior studies used Swapped Order Voting, which asks twice.")
    assert "Swapped Order Voting" not in result


def test_acronym_coined_where_the_authors_speak_is_proposed() -> None:
    result = found(
        "Distilling Knowledge",
        "We train students with Weighted Knowledge Distillation (WKD) and PPO. "
        "Earlier work used Margin Ranking Calibration (MRC) for this.",
    )
    assert result["WKD"] == (EntityType.METHOD, True)
    assert result["MRC"][1] is False  # defined in a sentence about earlier work
    assert result["PPO"][1] is False  # a known method is never proposed this way


@pytest.mark.parametrize(
    ("abstract", "label"),
    [
        ("We release ToxiGrid, a dataset for evaluating toxicity detectors.", EntityType.BENCHMARK),
        ("We release ToxiGrid, a dataset of toxic and benign dialogues.", EntityType.DATASET),
    ],
)
def test_data_made_for_evaluation_is_a_benchmark(abstract: str, label: EntityType) -> None:
    assert found("Toxic Talk", abstract)["ToxiGrid"][0] is label


def test_known_methods_written_together_are_not_a_new_name() -> None:
    result = found("Tuning", "We compare SFT+RLHF with SFT alone and with Curry+DPO.")
    assert "SFT+RLHF" not in result and "SFT" in result
    assert "Curry+DPO" in result  # Curry is no known name: the whole may be one


def test_a_plain_word_introduced_as_a_name_is_proposed() -> None:
    result = found("Role Play", "We introduce Ditto, a self-alignment method for role-play.")
    assert result["Ditto"] == (EntityType.METHOD, True)
    assert "Alignment" not in found("Role Play", "We introduce Alignment to role-play agents.")


def test_namely_is_not_part_of_the_name() -> None:
    result = found("Tuning", "We introduce a novel fine-tuning approach, namely PoFT. It helps.")
    assert result["PoFT"] == (EntityType.METHOD, True)


def test_our_kind_then_name_types_and_proposes() -> None:
    result = found(
        "Guidelines", "Notably, our fine-tuned model, Labrador, even at 13B, beats GPT-4."
    )
    assert result["Labrador"] == (EntityType.MODEL, True)
    listed = found("Solver", "Given a pre-trained LLM, SolvOPT constructs five elements.")
    assert listed.get("SolvOPT", (None,))[0] is not EntityType.MODEL  # a list, not an appositive


def test_dash_appositive_types_the_name() -> None:
    result = found(
        "Horizons",
        "We introduce the Spread Ratio (SPR) -- a token-invariant measure of diversity.",
    )
    assert result["SPR"][0] is EntityType.METRIC
    plain = found("Horizons", "We introduce the Spread Ratio (SPR) to compare decoders.")
    assert plain["SPR"][0] is not EntityType.METRIC


def test_what_the_text_says_a_name_is_outweighs_its_shape() -> None:
    text = (
        "To this end, we introduce VQ-RLHF, a dataset of 90k ranked answer pairs. "
        "Models tuned on VQ-RLHF answer better."
    )
    assert found("VQ-RLHF: Ranked Answers", text)["VQ-RLHF"][0] is EntityType.DATASET
    # Without the appositive the shape (a variant of RLHF) types it.
    plain = found("Tuning", "Models tuned with VQ-RLHF answer better than with DPO.")
    assert plain["VQ-RLHF"][0] is EntityType.METHOD
    # A benchmark that a sentence also calls a dataset stays a benchmark (guidelines).
    both = found("StoryNorm: A Benchmark for Norms", "We introduce StoryNorm, a novel dataset.")
    assert both["StoryNorm"][0] is EntityType.BENCHMARK


@pytest.mark.parametrize(
    ("abstract", "label"),
    [
        ("We distil attacks into HarmGrid, an automated evaluation framework.", "Benchmark"),
        ("We present HarmGrid, a framework to evaluate refusals of chat models.", "Benchmark"),
        ("We present HarmGrid, a training framework for refusals of chat models.", "Method"),
    ],
)
def test_a_framework_made_for_evaluation_is_a_benchmark(abstract: str, label: str) -> None:
    assert found("Refusals", abstract)["HarmGrid"][0] is EntityType(label)


def test_items_of_a_list_take_the_type_of_its_header() -> None:
    text = (
        "We set three core challenges: tracking drifting values (VD-Follow), and "
        "anticipating value shifts (VD-Predict). Results are as follows: Mixed Voting (MXV) "
        "wins."
    )
    result = found("Values", text)
    assert result["VD-Follow"][0] is EntityType.BENCHMARK
    assert result["VD-Predict"][0] is EntityType.BENCHMARK
    assert result["MXV"][0] is EntityType.METHOD  # 'follows' names no type


def test_marked_items_of_a_claim_are_proposed() -> None:
    text = (
        "We propose two defenses: (i) GuardNet, a filter of unsafe spans, and (ii) Trace-Veto, "
        "a decoding strategy that vetoes beams. Earlier defenses: (i) Block-List, a filter."
    )
    result = found("Defenses", text)
    assert result["GuardNet"] == (EntityType.METHOD, True)
    assert result["Trace-Veto"] == (EntityType.METHOD, True)
    assert "Block-List" not in result or result["Block-List"][1] is False  # no claim there


def test_acronym_of_a_part_of_the_papers_own_method_is_proposed() -> None:
    text = (
        "We propose Span-Align, a new paradigm for tabular data. Its core is a "
        "Graph Span-Align Encoder (GSAE). The pre-training of Span-Align involves "
        "row-column matching (RC-Match). Span-Align outperforms Contrastive Table Coding (CTC). "
        "Span-Align combines a Rapid Table Model (RTM) with a Cell Routing Module (CRM)."
    )
    result = found("Tables", text)
    assert result["GSAE"] == (EntityType.METHOD, True)  # its long form names the method
    assert result["RC-Match"][1] is True  # its sentence names the method
    assert result["CTC"][1] is False  # the sentence turns to other work first
    assert result["CRM"][1] is True  # a module, in a sentence about the method
    assert result["RTM"][1] is False  # a model it uses, not a part it coined


def test_kinds_of_data_and_licences_are_not_names() -> None:
    text = (
        "We forecast time series (TS) and read chest X-ray (CXR) reports with TimeMix, "
        "a forecasting method. "
        "The data is released under CC-BY-4.0."
    )
    result = found("Forecasting", text)
    assert "TS" not in result and "CXR" not in result and "CC-BY-4.0" not in result
    assert "TimeMix" in result


def test_appositive_with_adjectives_set_off_by_commas() -> None:
    text = "We build Sage, an open, light-weight, and structured multi-task model that explains."
    assert found("Values", text)["Sage"][0] is EntityType.MODEL
    listed = found("Data", "We release TabBench, a benchmark, and MedSet, a corpus of notes.")
    assert listed["TabBench"][0] is EntityType.BENCHMARK
    assert listed["MedSet"][0] is EntityType.DATASET


def test_type_word_before_a_name() -> None:
    text = (
        "We train a 7B LLM called Orca-Lite and score answers with a preference model PrefRM. "
        "It uses a Bounded Trust Model (BTM) of influence."
    )
    result = found("Training", text)
    assert result["Orca-Lite"][0] is EntityType.MODEL
    assert result["PrefRM"][0] is EntityType.MODEL
    assert result["BTM"][0] is EntityType.METHOD  # the word before '(' ends the long form


def test_hyphenated_long_form_spells_its_acronym() -> None:
    ((short, long),) = [
        (d.short, d.long)
        for d in find_definitions("for accelerating auto-regressive (AR) decoding")
    ]
    assert (short, long) == ("AR", "auto-regressive")
    # 'auto-regressive' is a description, so its acronym is no name either.
    assert "AR" not in found("Decoding", "We speed up auto-regressive (AR) decoding with ZipDec.")


def test_a_plus_makes_another_name() -> None:
    from kg.normalize import name_key

    assert name_key("UNet++") != name_key("U-Net") and name_key("MT-Bench") == name_key("MTbench")
    result = found("Segmentation", "We replace the U-Net of the decoder with UNet++.")
    assert {"U-Net", "UNet++"} <= set(result)  # two entities, not U-Net read as UNet++


def test_task_phrases_formats_and_metrics() -> None:
    result = found(
        "Generation",
        "GPT models judge our text-to-3D generator MeshGen, trained in BF16; it reaches "
        "a higher mIoU and a lower TTFT.",
    )
    assert "text-to-3D" not in result and "BF16" not in result
    assert "GPT" not in result  # a model family named as a modifier
    assert result["mIoU"][0] is EntityType.METRIC and result["TTFT"][0] is EntityType.METRIC
    assert "MeshGen" in result


@pytest.mark.parametrize("word", ["post-SFT", "non-SFT", "multi-LoRA", "MCTS-Driven", "SAE-Based"])
def test_prefixed_and_adjective_compounds_are_not_names(word: str) -> None:
    assert not is_coined(word)


@pytest.mark.parametrize("word", ["Curry-DPO", "Pre-PPO", "Step-DPO", "MCTS-RAG"])
def test_hyphenated_names_stay_names(word: str) -> None:
    assert is_coined(word)


def test_to_compounds_are_tasks() -> None:
    assert "text-to-PDDL" not in found("Planning", "We study text-to-PDDL translation with PlanX.")


def test_a_known_method_is_no_variant_of_a_description() -> None:
    from kg.pipeline import build_from_papers

    graph = build_from_papers(
        [
            Paper(
                "Optimizing Preferences",
                "Preference optimization (PO) aligns models. We compare Direct Preference "
                "Optimization (DPO) with Step-DPO.",
            )
        ]
    )
    variants = {(u, v) for u, v, k in graph.edges(keys=True) if k == "variantOf"}
    assert ("entity:stepdpo", "entity:dpo") in variants
    assert not any(v == "entity:po" for _u, v in variants)
    assert "entity:po" not in graph


def test_a_name_used_earlier_by_others_is_not_proposed_in_a_claim() -> None:
    text = (
        "Recent methods struggle with diffusion transformers (DiTs). "
        "We propose FreePerson, a training-free framework for personalization in DiT and "
        "in SwiftGen."
    )
    result = found("Personalization", text)
    assert result["FreePerson"] == (EntityType.METHOD, True)
    assert result["DiT"][1] is False  # named before, where the authors did not speak
    assert result["SwiftGen"][1] is True  # new in the claim


def test_task_long_forms_in_the_plural() -> None:
    text = "We study human-object interactions (HOI) in video with AnchorGen."
    assert "HOI" not in found("Video", text)


def test_names_ending_in_a_model_family_are_models() -> None:
    result = found("Finance", "FinLLaMA and BloombergGPT answer questions; we prefer PPO.")
    assert result["FinLLaMA"][0] is EntityType.MODEL
    assert result["BloombergGPT"][0] is EntityType.MODEL


def test_metric_with_a_sample_size_and_math_objects() -> None:
    text = (
        "By solving the probability flow ordinary differential equations (ODE), our model "
        "FlowDiff reaches an FID-50K score of 1.8 with a ViT-L encoder, written in LaTeX."
    )
    result = found("Diffusion", text)
    assert result["FID-50K"][0] is EntityType.METRIC
    assert result["ViT-L"][0] is EntityType.MODEL
    assert "ODE" not in result and "LaTeX" not in result
    assert "FlowDiff" in result


def test_benchmarks_from_the_evaluation_harness() -> None:
    result = found(
        "A study",
        "We evaluate on MMMU, MedMCQA and XNLI, and on Global MMLU for Malagasy.",
    )
    assert result["MMMU"][0] is EntityType.BENCHMARK
    assert result["MedMCQA"][0] is EntityType.BENCHMARK
    assert result["XNLI"][0] is EntityType.BENCHMARK
    assert result["Global-MMLU"][0] is EntityType.BENCHMARK


def test_names_listed_after_a_plural_type_word() -> None:
    result = found(
        "A prover",
        "It leads on challenging benchmarks, including miniF2F and ProofNet, on datasets like "
        "Stanford 2D-3D and on datasets like ImageNet 64x64.",
    )
    assert result["miniF2F"][0] is EntityType.BENCHMARK
    assert result["ProofNet"][0] is EntityType.BENCHMARK
    assert result["ImageNet"][0] is EntityType.DATASET
    assert result["Stanford 2D-3D"][0] is EntityType.DATASET


def test_plural_two_letter_acronyms_are_concepts() -> None:
    result = found(
        "A study",
        "Autonomous Vehicles (AVs) meet Human-driven Vehicles (HVs) in traffic. We measure "
        "this in LLMs. Leaderboard: https://example.org/board",
    )
    assert not {"AV", "AVs", "HV", "HVs", "LLMs.", "LLMs"} & set(result)


def test_names_evaluated_on_both_are_benchmarks() -> None:
    result = found(
        "A web agent",
        "Combining SFT with RL outperforms either approach alone on both WorkArena and MiniWob++.",
    )
    assert result["WorkArena"][0] is EntityType.BENCHMARK
    assert result["MiniWoB++"][0] is EntityType.BENCHMARK  # the gazetteer's spelling


def test_title_head_with_a_version() -> None:
    result = found(
        "Yuan 2.0-M32: Mixture of Experts with Attention Router",
        "Yuan 2.0-M32 uses 32 experts, of which 2 are active.",
    )
    assert result["Yuan 2.0-M32"][1] is True


def test_a_source_in_a_claim_is_not_proposed() -> None:
    result = found(
        "A video dataset",
        "We curate 433K 1080p videos from OpenVid-1M to create OpenVidHD-0.4M for training.",
    )
    assert result["OpenVidHD-0.4M"][1] is True
    assert result["OpenVid-1M"][1] is False


def test_a_phrase_never_runs_from_the_title_into_the_abstract() -> None:
    result = found(
        "Dataset Distillation with Label Space Lightening",
        "Dataset distillation compresses data. We train on one A100-80GB.",
    )
    assert not [name for name in result if "\n" in name]
    assert "A100-80GB" not in result


def test_title_phrases_and_data_sources() -> None:
    result = found(
        "OmniSpatial: Towards Comprehensive Spatial Reasoning Benchmark for VLMs",
        "We build HuatuoGPT-Vision on image-text pairs from PubMed and a memory OS.",
    )
    assert not [name for name in result if name.startswith("Towards")]
    assert result["HuatuoGPT-Vision"][0] is EntityType.MODEL
    assert result["PubMed"][0] is EntityType.DATASET
    assert "OS" not in result


def test_widely_used_benchmarks_and_datasets_are_known() -> None:
    result = found(
        "A study",
        "We pretrain on CIFAR-10 and test agents on OSWorld, WebArena and VideoMME.",
    )
    assert result["CIFAR-10"][0] is EntityType.DATASET
    assert {result[n][0] for n in ("OSWorld", "WebArena", "Video-MME")} == {EntityType.BENCHMARK}


def test_a_dataset_named_as_a_benchmark_is_a_benchmark() -> None:
    result = found(
        "A study",
        "We construct a new dataset called AuditoryBench, which consists of two tasks.",
    )
    assert result["AuditoryBench"][0] is EntityType.BENCHMARK


def test_kinds_of_questions_and_graphs_are_not_names() -> None:
    result = found("A study", "We convert MCQs into open questions and plan over a DAG with GRPO.")
    assert not {"MCQ", "MCQs", "DAG"} & set(result)
    assert "GRPO" in result


def test_names_that_start_with_a_digit() -> None:
    result = found(
        "2DGS-Room: Seed-Guided 2D Gaussian Splatting for Indoor Scenes",
        "We extend 3D Gaussian Splatting (3DGS) to rooms with a U-Net and test on 3D scenes; "
        "visual information extraction (VIE) is not our task.",
    )
    assert result["2DGS-Room"][1] is True
    assert result["3DGS"] == (EntityType.METHOD, False)
    assert result["U-Net"][1] is False
    assert not {"3D", "VIE"} & set(result)


def test_train_and_test_splits_by_their_names() -> None:
    result = found("A study", "We release WildGuardTrain and WildGuardTest, built with AutoTrain.")
    assert result["WildGuardTrain"][0] is EntityType.DATASET
    assert result["WildGuardTest"][0] is EntityType.BENCHMARK
    assert result["AutoTrain"][0] is EntityType.METHOD


def test_known_components_and_modifiers_in_a_claim() -> None:
    result = found(
        "OWSM v4: Improving Open Whisper-Style Speech Models via Data Scaling",
        "OWSM v4 is trained on more data. We propose Domain Score Distillation with "
        "classifier-free guidance (CFG) on a DiT, run on GB200 NVL72 racks.",
    )
    assert result["OWSM v4"][1] is True
    assert result["CFG"] == (EntityType.METHOD, False)
    assert result["DiT"] == (EntityType.METHOD, False)
    assert not {"Whisper-Style", "Domain Score", "GB200", "NVL72"} & set(result)


def test_technical_report_titles_and_fid_variants() -> None:
    result = found(
        "MiMo-VL Technical Report",
        "We open-source MiMo-VL, which reaches an rFID of 0.9 and a gFID of 1.8.",
    )
    doc = shared_nlp()(Paper("MiMo-VL Technical Report", "We open-source MiMo-VL.").text)
    assert any(m.proposed for m in mentions(doc) if m.canonical == "MiMo-VL")
    assert result["rFID"][0] is EntityType.METRIC
    assert result["gFID"][0] is EntityType.METRIC
    assert "Baichuan Alignment" not in found("Baichuan Alignment Technical Report", "We align.")
