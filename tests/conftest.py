from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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


# Property tests: 1,000 generated cases each in CI, fewer on a laptop (KG_HYPOTHESIS_EXAMPLES).
settings.register_profile(
    "kg",
    max_examples=int(
        os.environ.get("KG_HYPOTHESIS_EXAMPLES", "1000" if os.environ.get("CI") else "200")
    ),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("kg")
