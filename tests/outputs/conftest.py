"""Fixtures for the export tests: hand-built analyses (fast) and real ones from examples/ and the seeds (slow)."""

from __future__ import annotations

import pytest

from outputs.sample import analyzed, clash_analysis
from outputs.tests_paths import EXAMPLES


@pytest.fixture
def sample():
    return clash_analysis()


@pytest.fixture
def hostile():
    return clash_analysis(hostile=True)


@pytest.fixture(scope="session")
def examples_analysis(nlp, actors, gazetteer):
    return analyzed(EXAMPLES, nlp, actors, gazetteer)


@pytest.fixture(scope="session")
def seeds_analysis(seeds_dir, nlp, actors, gazetteer):
    return analyzed(seeds_dir, nlp, actors, gazetteer)
