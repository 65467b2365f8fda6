"""Shared fixtures: where the real inputs live, and the golden-file update switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Deadlines make property tests flaky on a loaded 2-core CI machine; speed is measured
# by `make bench`, not by tests.
settings.register_profile("rolescope", deadline=None, print_blob=True)
settings.load_profile("rolescope")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
REAL = SHARED / "real"
SAMPLES = ROOT / "raw" / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.json from the current parser output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("acceptance seeds not found: ../shared/seeds is absent next to the repository")
    return SEEDS


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not (REAL / "index.jsonl").is_file():
        pytest.skip("real captures not found: ../shared/real/index.jsonl is absent next to the repository")
    return REAL


@pytest.fixture(scope="session")
def real_html_dir() -> Path:
    """``../shared/real-html``: the board's fragments and other sites' pages."""
    folder = SHARED / "real-html"
    if not (folder / "web-pages").is_dir():
        pytest.skip("real HTML not found: ../shared/real-html is absent next to the repository")
    return folder
