"""Shared fixtures: the bundled sample plans, parsed once per test session."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from duizhao.corpus.samples import SAMPLES, load_sample, sample_path

settings.register_profile("default", deadline=None)
settings.register_profile(
    "fuzz", deadline=None, max_examples=3000, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's token cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DUIZHAO_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def samples() -> dict[str, object]:
    return {name: load_sample(name) for name in SAMPLES}


@pytest.fixture(scope="session")
def sample_text() -> dict[str, str]:
    return {name: sample_path(name).read_text(encoding="utf-8") for name in SAMPLES}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every hypothesis test is a fuzz test too: `make fuzz` runs them with many examples."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory):
    """A git repository holding the check example, made once per session (copied per test)."""
    from test_check_support import template_repo

    return template_repo(tmp_path_factory)


@pytest.fixture
def repo(template, tmp_path):
    """A fresh copy of the template repository for one test."""
    from test_check_support import copy_repo

    return copy_repo(template, tmp_path)


@pytest.fixture(scope="module")
def hubei_measures(samples):
    """The Hubei sample's measures as texts (label → text), for hand-made derivations."""
    from compare_helpers import hubei_texts

    return hubei_texts(samples)


@pytest.fixture(scope="module")
def parent(hubei_measures):
    """A parent plan written from those measures (tests/compare_helpers.make_parent)."""
    from compare_helpers import make_parent

    return make_parent(hubei_measures)
