from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import evaluate
from kg.pipeline import build


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small")
    build([Path(__file__).parent / "data" / "small.jsonl"], out)
    return out / "kg.ttl"


def test_scores_against_a_small_gold_file(small_graph: Path, data: Path) -> None:
    scores = evaluate(data / "small_gold.jsonl", small_graph)
    assert (scores["papers"].tp, scores["papers"].fn) == (2, 1)
    # Everything annotated is found except Mistral-7B, which the text never names.
    assert (scores["method"].tp, scores["method"].fn) == (2, 0)
    assert (scores["benchmark"].tp, scores["benchmark"].fn) == (3, 0)
    assert (scores["model"].tp, scores["model"].fn) == (2, 1)
    assert "missed Mistral-7B" in "\n".join(scores["model"].errors)
    assert (scores["proposes"].tp, scores["variant_of"].tp) == (1, 1)
    assert (scores["repos"].tp, scores["links"].tp) == (1, 1)
    assert scores["all entities"].recall == pytest.approx(7 / 8)


def test_evaluate_cli_json(small_graph: Path, data: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "evaluate",
            "--gold",
            str(data / "small_gold.jsonl"),
            "--graph",
            str(small_graph),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(out.stdout)
    assert report["model"]["fn"] == 1 and report["papers"]["tp"] == 2


def test_bad_gold_file(tmp_path: Path, small_graph: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"title": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2: invalid JSON"):
        evaluate(bad, small_graph)
