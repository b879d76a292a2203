from __future__ import annotations

from pathlib import Path

import pytest

from kg import resources
from kg.pipeline import build

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the bundled sample pages, shared by the tests that read its outputs."""
    out = tmp_path_factory.mktemp("sample")
    build(resources.sample_pages(), out)
    return out


@pytest.fixture
def data() -> Path:
    return DATA
