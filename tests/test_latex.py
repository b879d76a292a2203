"""LaTeX in abstracts: names inside markup are found, offsets index the text as written, and
text without markup (or with a price, an escaped percent, broken braces) reads as before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.extract import extract
from kg.latex import mask
from kg.nlp import shared_nlp
from kg.records import Extraction, Paper


def extracted(title: str, abstract: str) -> Extraction:
    paper = Paper(title, abstract)
    return extract(paper, shared_nlp()(paper.text))


def test_names_in_bold_and_emphasis_are_found_with_offsets_into_the_text() -> None:
    paper = Paper(
        "Fast Image Classification with Sparse Experts",
        r"We propose \textbf{FooNet}, a sparse mixture-of-experts network for image "
        r"classification. Evaluated on \emph{ImageNet} and \textsc{CIFAR-10}, FooNet improves "
        r"top-1 accuracy by 2.1\% over ResNet-50~\cite{he2016deep}.",
    )
    found = extract(paper, shared_nlp()(paper.text))
    names = {m.canonical: m for m in found.mentions}
    assert any(m.proposed for m in found.mentions if m.canonical == "FooNet")
    assert {"ImageNet", "CIFAR-10", "ResNet-50"} <= names.keys()
    for mention in found.mentions:
        assert paper.text[mention.start : mention.end] == mention.text
        evidence = mention.sentence
        # The evidence quotes the abstract as written, at the offsets it records.
        assert paper.text[evidence.start : evidence.end] == evidence.sentence
        assert evidence.start <= mention.start < mention.end <= evidence.end
    proposal = next(m for m in found.mentions if m.canonical == "FooNet" and m.proposed)
    assert r"\textbf{FooNet}" in proposal.sentence.sentence
    labels = [m.text for m in found.mentions] + [m.canonical or "" for m in found.mentions]
    assert not any(c in label for label in labels for c in "\\{}$")


def test_a_name_in_math_text_is_found() -> None:
    # The shape of corpus abstracts: "$\texttt{AutoMod}$", "$\mathrm{OSS}$".
    found = extracted(
        "Moderation Agents",
        r"We introduce $\texttt{ModBench}$, a benchmark for content moderation, and show "
        r"that agents reach 3$\times$ the recall of keyword filters on $\mathrm{ModBench}$.",
    )
    assert "ModBench" in {m.canonical for m in found.mentions}


def test_a_word_with_markup_inside_is_left_as_written() -> None:
    # Masking `\textbf{DI}stilled` would leave "DI stilled", and DI is no name.
    text = r"dive into $\textbf{DI}$stilled data via \textbf{Light}weight \textbf{4}D\textbf{GS}"
    masked = mask(text)
    assert "DI}$stilled" in masked
    assert r"\textbf{Light}weight \textbf{4}D\textbf{GS}" in masked
    found = extracted("Distillation", f"We {text} rendering.")
    assert not {"DI", "GS"} & {m.canonical for m in found.mentions}


def test_text_without_markup_is_unchanged() -> None:
    text = "Direct Preference Optimization (DPO) aligns models; about ~5% of pairs are noisy."
    assert mask(text) is text


def test_a_price_is_no_math() -> None:
    text = "Labelling costs $5 per image and $10 per video on MTurk."
    assert mask(text) == text
    assert "MTurk" in mask(r"Labelling costs \$5 on \textbf{MTurk}.")


def test_an_escaped_percent_keeps_its_number_and_does_not_comment_out_the_rest() -> None:
    assert mask(r"improves by 12.5\% on GSM8K") == "improves by 12.5%  on GSM8K"
    # A bare percent is a percent sign in an abstract, not a TeX comment.
    assert mask(r"gains 5% on \emph{MATH}, and") == "gains 5% on       MATH , and"


def test_ties_math_and_citations_are_spaces_of_the_same_length() -> None:
    text = r"Large Language Models~(LLMs) reach $k$-shot accuracy~\citep[p.~3]{brown2020}."
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.startswith("Large Language Models (LLMs) reach  k -shot accuracy ")
    assert "brown2020" not in masked
    # A URL keeps its tilde; the markup around it goes.
    assert mask(r"Code at \url{https://host.org/~lab/repo}.") == (
        "Code at      https://host.org/~lab/repo ."
    )


def test_unbalanced_braces_neither_crash_nor_lose_text() -> None:
    text = (
        r"We present \textbf{OpenNet, a model that \emph{never} closes its brace"
        + "\n\n"
        + (r"and a stray } here, with \cite{open")
    )
    masked = mask(text)
    assert len(masked) == len(text)
    for word in ("OpenNet", "never", "closes", "stray", "here"):
        assert word in masked
    found = extracted(r"\textbf{OpenNet: Unclosed", text)
    assert "OpenNet" in {m.canonical for m in found.mentions}


_PIECES = [*"ab1 \\{}$%~_^\n", "\\textbf{", "\\emph", "$\\times$", "\\%", "\\cite{", "\n\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_masking_keeps_the_length_and_every_letter_it_does_not_blank(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    for original, kept in zip(text, masked, strict=True):
        assert kept == original or kept == " " or (original == "\\" and kept == "%")
        assert (original == "\n") == (kept == "\n")  # line breaks end sentences: kept


def test_an_accent_written_in_latex_inside_a_known_name() -> None:
    from kg.extract import mentions
    from kg.nlp import shared_nlp
    from kg.records import Paper

    doc = shared_nlp()(Paper("A", r"Lower Fr\'echet Inception Distance than the baselines.").text)
    assert {(m.canonical, m.label.value) for m in mentions(doc)} == {("FID", "Metric")}
