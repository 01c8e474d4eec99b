from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, SEEDS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("neither ../shared/seeds nor examples/ holds the seed reports")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return CORPUS
