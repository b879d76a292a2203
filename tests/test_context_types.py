"""Typing rules for names no gazetteer knows (kg.context_types), each where it must fire and
where it must not, on sentences written for the test."""

from __future__ import annotations

from kg.context_types import method_shaped, metric_from_score
from kg.extract import mentions
from kg.nlp import shared_nlp
from kg.records import EntityType, Paper


def found(abstract: str, title: str = "A study") -> dict[str, EntityType]:
    doc = shared_nlp()(Paper(title, abstract).text)
    return {m.canonical: m.label for m in mentions(doc)}


def test_a_score_types_a_short_name_as_metric() -> None:
    text = "HierX reaches 0.723 QCC and 34.66% ZGA, and an XER of 2.1%."
    assert metric_from_score(text, text.index("QCC"), text.index("QCC") + 3, "QCC")
    assert metric_from_score(text, text.index("ZGA"), text.index("ZGA") + 3, "ZGA")
    assert metric_from_score(text, text.index("XER"), text.index("XER") + 3, "XER")
    # A bare count or a size is no score: "2 GANs", "the 7B ZetaLM".
    for sentence, name in (("we train 2 QXNets here", "QXNets"), ("the 7B ZetaLM", "ZetaLM")):
        start = sentence.index(name)
        assert metric_from_score(sentence, start, start + len(name), name) is None
    # A long phrase is no metric name even next to a number.
    sentence = "up to 0.5 HyperGraphReasonerModel"
    start = sentence.index("Hyper")
    assert metric_from_score(sentence, start, len(sentence), sentence[start:]) is None


def test_a_score_in_an_abstract() -> None:
    result = found("Evaluated on two corpora, our model achieves 0.853 QCC and +4.3% ZGA.")
    assert result["QCC"] is EntityType.METRIC and result["ZGA"] is EntityType.METRIC


def test_names_listed_with_a_known_model_are_models() -> None:
    result = found("Experiments use Wordvec9, GloXe, and GPT-2 embeddings on news text.")
    assert result["Wordvec9"] is EntityType.MODEL and result["GloXe"] is EntityType.MODEL
    # Listed with names of two types: no type is passed on, and the unknown name is left out.
    mixed = found("We compare GPT-2, MMLU and ZorbNext in one table.")
    assert "ZorbNext" not in mixed


def test_a_model_class_word_leads_a_list_of_models() -> None:
    result = found("We distil two super-resolution GANs, QCFSR and Real-XSRGAN, into one.")
    assert result["QCFSR"] is EntityType.MODEL and result["Real-XSRGAN"] is EntityType.MODEL
    # A list led by another plural word is not typed by it.
    assert "QCFSR" not in found("We study two regimes, QCFSR and QXRT, in this note.")


def test_method_shapes() -> None:
    assert method_shaped("ResNet50") and method_shaped("VGG19") and method_shaped("DenseNet-201")
    assert method_shaped("PointFlowNet") and method_shaped("Mip-NeRF")
    assert method_shaped("PPO-max")  # built on a known method
    assert not method_shaped("IMU") and not method_shaped("MIMIC-III")
    assert not method_shaped("Net")  # the suffix alone is no name


def test_a_name_without_evidence_is_left_out() -> None:
    result = found(
        "We record IMU and QXT streams with a UR3e arm and train ResNet50 and VGG19 on them. "
        "Reference Context Packing (RCP) speeds this up."
    )
    assert "QXT" not in result and "UR3e" not in result  # no evidence of any type
    assert result["ResNet50"] is EntityType.METHOD and result["VGG19"] is EntityType.METHOD
    assert result["RCP"] is EntityType.METHOD  # a defined acronym is evidence
    # What the paper proposes stays, whatever its evidence.
    assert "ZetaPlan" in found("We propose ZetaPlan to plan grasps.")


def test_a_simulator_evaluated_in_is_a_benchmark() -> None:
    result = found("We evaluate the policy in the QarlaX simulator and on ZaniSkill9 environments.")
    assert result["QarlaX"] is EntityType.BENCHMARK
    assert result["ZaniSkill9"] is EntityType.BENCHMARK
    # The paper's own simulator is its method: an appositive is not this rule's evidence.
    own = found("We present SocietyQX, a large-scale social simulator with LLM agents.")
    assert own["SocietyQX"] is not EntityType.BENCHMARK


def test_a_known_name_with_a_version_keeps_its_type() -> None:
    result = found("We report results on the ScanNet++ validation set and on ImageNet-21.")
    assert result["ScanNet++"] is EntityType.DATASET
    # An unknown base gives nothing.
    assert "Zorblat++" not in found("We report results on Zorblat++ scenes.")


def test_names_listed_before_a_plural_type_word() -> None:
    from kg.names import find_names_before_cue

    def listed(text: str) -> list[tuple[str, str]]:
        return [(text[s:e], label) for s, e, label in find_names_before_cue(text)]

    assert listed("Experiments on Fundus and M&Ms benchmarks show") == [
        ("Fundus", "Benchmark"),
        ("M&Ms", "Benchmark"),
    ]
    assert listed("including HD-EPIC and Arti4D data sets") == [
        ("HD-EPIC", "Dataset"),
        ("Arti4D", "Dataset"),
    ]
    # One capitalized word before the type word is a modifier, not a list of names.
    assert listed("on Medical datasets and on Chinese benchmarks") == []


def test_a_kind_set_off_before_a_name_types_it() -> None:
    result = found("We also construct a new dataset, STIPLQX (Scene Text Pairs), for training.")
    assert result["STIPLQX"] is EntityType.DATASET
    # Where the name opens a clause, the kind word is not its appositive.
    assert "SolvQX" not in found("Given a pre-trained framework, SolvQX constructs five elements.")


def test_a_name_built_on_a_known_model_is_a_model() -> None:
    from kg.context_types import model_from_parts

    assert model_from_parts("FG-CLIP") is EntityType.MODEL
    assert model_from_parts("PPO-CLIP") is None  # built on a method as well
    assert model_from_parts("Zorb-Qux") is None and model_from_parts("CLIP") is None


def test_what_is_pretrained_is_a_model() -> None:
    result = found("We use a frozen, pre-trained Universal Speech Qodel (USQ) as encoder.")
    assert result["USQ"] is EntityType.MODEL
    plain = found("We add a Universal Speech Qodel (USQ) as a module.")
    assert plain.get("USQ") is not EntityType.MODEL


def test_a_two_word_type_word_heads_a_title() -> None:
    from kg.extract import title_type

    assert title_type("HATQ: Hindi Analogy Test Set for Evaluating Reasoning") is (
        EntityType.BENCHMARK
    )
    assert title_type("ZetaQ: A Test of Patience") is None  # one word 'test' heads nothing


def test_a_defined_acronym_may_open_with_a_digit() -> None:
    doc = shared_nlp()(
        Paper("Humans", "We present ZetaQ, lifting videos into 4D Gaussian Splatting (4DGS).").text
    )
    result = {m.canonical: m for m in mentions(doc)}
    assert result["4DGS"].label is EntityType.METHOD
    assert result["4DGS"].proposed is False  # the sentence's "we" alone does not make it new
    assert "3D" not in found("We lift 3D scenes into 7B models.")


def test_a_bare_comma_after_benchmarks_announces_no_name() -> None:
    result = found("Across benchmarks, CoverQX markedly reduces revisions.")
    assert result.get("CoverQX") is not EntityType.BENCHMARK
    listed = found("We use two datasets, QaxSet and ZorbData, for training.")
    assert listed["QaxSet"] in (EntityType.DATASET, EntityType.BENCHMARK)


def test_a_long_form_is_typed_by_its_head_phrase() -> None:
    result = found("We propose STELLQR (Scene Text Editor for Rare LAnguages and Real data)")
    assert result["STELLQR"] is EntityType.METHOD
    corpus = found("We release the Qux Speech Corpus (QSC) of read speech.")
    assert corpus["QSC"] is EntityType.DATASET


def test_a_defined_term_that_names_no_technique_is_left_out() -> None:
    abstract = (
        "Scans of low-dose computed tomography (LDCT) are noisy. Images of whole slide "
        "images (WSI) are large. We denoise them with stochastic weight averaging (SWA) and "
        "a Cluster Mean Discrepancy (CMD) term."
    )
    result = found(abstract)
    assert "LDCT" not in result and "WSI" not in result
    assert result["SWA"] is EntityType.METHOD  # a process noun
    assert result["CMD"] is EntityType.METHOD  # a technique's head word
    # A long form named after its authors is a technique: "Bradley-Terry (BT)".
    assert found("Rewards follow the Bradley-Terry (BT) form.")["BT"] is EntityType.METHOD


def test_a_list_closed_by_and_ends_before_the_comma() -> None:
    result = found("Evaluated on QABE and QASIL, HierQias achieves 0.85 F1.")
    assert result.get("QABE") is EntityType.BENCHMARK
    assert result.get("HierQias") is not EntityType.BENCHMARK
    assert found("Results on QABE, QASIL, and QOLD improve.").get("QOLD") is EntityType.BENCHMARK


def test_a_described_title_phrase_is_no_name() -> None:
    title = "Tracking Voices with a Large-Scale Longitudinal Dataset"
    assert not any("Dataset" in n for n in found("We track voices.", title))
    assert "Systematic Corpus" not in found("We study traces.", "Systematic Corpus-Level Traces")
    # A coined word makes the phrase a name: "a VoxQ Dataset".
    assert found("We track voices.", "Tracking Voices with a VoxQ Dataset") == {
        "VoxQ": EntityType.DATASET
    }


def test_a_metric_framework_is_a_metric() -> None:
    abstract = "We introduce the Agent Drift Index (ADI), a novel composite metric framework."
    assert found(abstract)["ADI"] is EntityType.METRIC
    assert found("We introduce DriftKit, a novel training framework.")["DriftKit"] is (
        EntityType.METHOD
    )


def test_a_block_or_an_optimisation_after_a_name_types_a_method() -> None:
    result = found("Depths come from L-BFGS-Q optimisation. It stacks sparse TimeMoQ blocks.")
    assert result == {"L-BFGS-Q": EntityType.METHOD, "TimeMoQ": EntityType.METHOD}


def test_adjectives_inside_a_list_closed_by_a_type_word() -> None:
    abstract = "We evaluated QureNet using the public MIMIQ-III and private FEMQ datasets."
    result = found(abstract)
    assert result["MIMIQ-III"] is EntityType.DATASET and result["FEMQ"] is EntityType.DATASET


def test_a_tie_between_benchmark_and_dataset_goes_to_dataset() -> None:
    from collections import Counter

    from kg.resolve import _voted_label

    tie = Counter({EntityType.BENCHMARK: 1, EntityType.DATASET: 1})
    assert _voted_label(tie, "ShapeQet") is EntityType.DATASET
    assert _voted_label(tie, "ShapeBench") is EntityType.BENCHMARK  # the name says bench
    more = Counter({EntityType.BENCHMARK: 2, EntityType.DATASET: 1})
    assert _voted_label(more, "ShapeQet") is EntityType.BENCHMARK


def test_sensors_and_imaging_modalities_are_no_entities() -> None:
    abstract = "We fuse IMU and OCT signals and evaluate on QuakeSet-9 benchmark."
    assert set(found(abstract)) == {"QuakeSet-9"}


def test_bert_family_models_and_a_score_shape_that_keeps_case() -> None:
    assert found("We fine-tune DistilBERT and DeBERTa on reviews.") == {
        "DistilBERT": EntityType.MODEL,
        "DeBERTa": EntityType.MODEL,
    }
    # "SCoRe" ends in letters of "score" but is no score.
    assert found("We train with A-SCoRe, a self-correction method.").get("A-SCoRe") is (
        EntityType.METHOD
    )


def test_learning_settings_are_problems_not_methods() -> None:
    abstract = "Test-time adaptation (TTA) and class-incremental learning (CIL) are hard for ViQ-9."
    assert "TTA" not in found(abstract) and "CIL" not in found(abstract)
    assert found("We generate clips with HunyuanVideo.") == {"HunyuanVideo": EntityType.MODEL}


def test_a_name_in_the_rest_of_a_new_things_clause_is_not_proposed() -> None:
    # "a new approach that reinterprets QVM features": QVM is used, not introduced.
    text = (
        "Pathology Quantum Vision Machines (QVMs) give rich features. "
        "We propose ZorbStain, a new approach that reinterprets QVM features as sections."
    )
    doc = shared_nlp()(Paper("A study", text).text)
    proposed = {m.canonical for m in mentions(doc) if m.proposed}
    assert "ZorbStain" in proposed and "QVM" not in proposed
    # Still a proposal right after the phrase: "a new dataset, Zebra-9K".
    doc = shared_nlp()(Paper("A study", "We release a new dataset, Zebra-9K, of scans.").text)
    assert {m.canonical for m in mentions(doc) if m.proposed} == {"Zebra-9K"}


def test_an_acronym_of_a_modality_or_a_task_is_no_technique() -> None:
    result = found(
        "Scans are denoised towards normal-dose CT (NDCT) by earlier models. We propose an "
        "implicit video method that integrates a general super-resolution (SR) network."
    )
    assert "NDCT" not in result and "SR" not in result
    # An upper-case last word that is a technique still counts: "bits GRAND" builds on GRAND.
    assert found("Decoding uses ordered reliability bits GRAND (ORBGRAND) here.").get("ORBGRAND")


def test_a_task_long_form_named_as_a_thing_is_kept() -> None:
    text = (
        "We propose Interleaved Reasoning for Motion Generation (IRMoGen), a novel paradigm. "
        "We also release the Image Restoration Quality Assessment (IRQA-Zet) dataset. "
        "Most zero-shot anomaly detection (ZSAD) methods fail here."
    )
    result = found(text)
    assert result.get("IRMoGen") is EntityType.METHOD
    assert result.get("IRQA-Zet") in (EntityType.DATASET, EntityType.BENCHMARK)
    assert "ZSAD" not in result  # "ZSAD methods": the methods of a task


def test_two_letter_names_typed_only_by_context_are_no_data() -> None:
    result = found("We evaluate on the stitched outputs across HER2, ER, PR, and Ki-67 stains.")
    assert not {"ER", "PR"} & set(result)
    # A two-letter name with digits is data: "results on R2R and CB513".
    assert "R2R" in found("We report results on the R2R dataset and the CB513 dataset.")


def test_file_formats_hardware_and_rl_settings_are_no_entities() -> None:
    result = found(
        "We release a dataset of MIDI files and JPEG images logged from an ECU, and study "
        "multi-objective reinforcement learning (MORL) with FooNet."
    )
    assert not {"MIDI", "JPEG", "ECU", "MORL"} & set(result)


def test_a_defined_name_the_authors_experiment_on_is_not_theirs() -> None:
    text = (
        "We propose a spectral partitioning framework for cortical folding. Extensive "
        "experiments on the Human Brain Zonal Project (HBZP) dataset demonstrate that our "
        "method partitions the network well."
    )
    doc = shared_nlp()(Paper("A study", text).text)
    assert {m.canonical: m.proposed for m in mentions(doc)}.get("HBZP") is False
    # Spelled out where the authors speak of their own: the paper's coinage.
    doc = shared_nlp()(
        Paper("A study", "Our method uses Weighted Zonal Distillation (WZD) to train.").text
    )
    assert {m.canonical: m.proposed for m in mentions(doc)}.get("WZD") is True


def test_a_benchmark_subset_after_a_known_name_is_the_entity() -> None:
    result = found("We report pass@1 on GPQA Diamond and on the MATH500 benchmark.")
    assert result.get("GPQA Diamond") is EntityType.BENCHMARK and "GPQA" not in result
    # An ordinary capitalized word after the name is not a subset.
    assert "GPQA" in found("Results on GPQA Show that the approach generalizes.")
