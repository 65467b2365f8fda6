"""The vega runtime is bundled once per vl-convert version and kept in the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.report import runtime


def test_the_bundle_is_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / ".cache"
    script = runtime.vega_runtime(cache_dir)
    assert "vegaEmbed" in script and "</script" not in script
    path = runtime.cache_path(cache_dir)
    assert path.read_text(encoding="utf-8") == script

    def no_bundling() -> str:
        raise AssertionError("bundled again although the cache holds this version")

    monkeypatch.setattr(runtime, "_bundle", no_bundling)
    assert runtime.vega_runtime(cache_dir) == script


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    cache_dir = tmp_path / ".cache"
    path = runtime.cache_path(cache_dir)
    path.parent.mkdir()
    path.write_text("truncated", encoding="utf-8")
    script = runtime.vega_runtime(cache_dir)
    assert len(script) > 100_000 and path.read_text(encoding="utf-8") == script


def test_an_unwritable_cache_still_gives_the_runtime(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert "vegaEmbed" in runtime.vega_runtime(blocker / ".cache")
