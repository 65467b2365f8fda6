"""``scripts/hostile_inputs.py`` keeps working: every case builds a document of the format it
names, and a measurement runs end to end (issue: no document may take long)."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.common.limits import Limits

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "hostile_inputs.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    sys.path.insert(0, str(SCRIPT.parent))  # what running the script does: it imports hostile_cases
    spec = importlib.util.spec_from_file_location("hostile_inputs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_inputs"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPT.parent))
    return module


def test_every_case_builds_a_document_of_about_its_size(script: ModuleType) -> None:
    cases = [*script.text_cases(), *script.html_cases(), *script.listing_cases(), *script.container_cases()]
    assert len(cases) > 500 and len({label for label, _ in cases}) == len(cases)
    for label, build in cases:
        name, data = build(64 * 1024)
        size = len(gzip.decompress(data)) if name.endswith(".gz") else len(data)
        assert 8 * 1024 < size < 512 * 1024, label
        kinds = {"text", "bytes", "html", "listing", "gzip", "mhtml", "webarchive", "warc"}
        assert label.split("/")[0] in kinds


@pytest.mark.parametrize("label", ["mhtml/many-parts", "webarchive/huge-page", "warc/many-records",
                                   "gzip/text-items", "listing/place/commas", "text/badges/dollar"])
def test_containers_are_read_as_what_they_hold(script: ModuleType, label: str, tmp_path: Path) -> None:
    cases = dict([*script.text_cases(), *script.listing_cases(), *script.container_cases()])
    name, data = cases[label](16 * 1024)
    (tmp_path / name).write_bytes(data)
    outcome = script.run_file(tmp_path / name, tmp_path, Limits())
    assert outcome.split(": ")[-1].startswith(("article", "listing", "structure/too_many_blocks")), outcome


def test_a_measurement_runs_and_flags_nothing_fixed(script: ModuleType) -> None:
    assert script.hostile([4 * 1024, 16 * 1024], "text/badges/dollar", 1, 60.0) == []
