"""Markdown captures are documents; a folder's own README, changelog or licence is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read.folder import format_of_name, scan


@pytest.mark.parametrize(("name", "fmt"), [
    ("Data Engineer vs. MLOps Engineer.md", "text"),
    ("clip.markdown", "text"),
    ("clip.MD.gz", "text"),
    ("readme-notes.md", "text"),  # only the name itself is a repository file's
    ("README.md", None),
    ("readme.en.md", None),
    ("CHANGELOG.markdown.gz", None),
    ("License.md", None),
    ("LICENCE.md", None),
    ("Code_Of_Conduct.md", None),
    ("security.MD", None),
    ("CONTRIBUTING.md", None),
    ("changes.md", None),
    ("AUTHORS.md", None),
    ("NOTICE.md", None),
    ("README.txt", "text"),  # a text file named readme was read before and still is
])
def test_markdown_names(name: str, fmt: str | None) -> None:
    assert format_of_name(name) == fmt


def test_the_walk_lists_captures_and_counts_repository_files_as_ignored(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown.gz", "README.md", "LICENSE.md", "docs/CHANGELOG.md", "docs/c.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"# x")
    found = scan(tmp_path)
    assert found.files == ["a.md", "b.markdown.gz", "docs/c.md"]
    assert found.ignored == 3 and not found.problems
