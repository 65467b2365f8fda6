"""The inventory's compact forms: keys packed in one string, tasks made on demand.

They replace plain lists to keep a 100k-document run's memory flat, so they must behave
exactly as the lists they replace.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.inventory import KeyList, take_inventory
from pipeline.settings import Limits
from pipeline.tasks import FileTask

KEYS = st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=12))


@given(keys=KEYS, extra=KEYS, index=st.integers(-30, 30), step=st.integers(1, 3))
def test_key_list_behaves_as_the_list_it_replaces(
    keys: list[str], extra: list[str], index: int, step: int
) -> None:
    packed = KeyList()
    for key in keys:
        packed.append(key)
    packed.freeze()
    for key in extra:  # appending after a freeze, and reading before the next one
        packed.append(key)
    expected = keys + extra
    assert len(packed) == len(expected)
    assert list(packed) == expected
    assert packed[::step] == expected[::step]
    if -len(expected) <= index < len(expected):
        assert packed[index] == expected[index]
    else:
        with pytest.raises(IndexError):
            packed[index]


def test_tasks_are_the_files_to_read_with_their_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.html", "sub/c.txt", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    inventory = take_inventory(tmp_path, tmp_path / "out", {}, "parser", Limits())
    assert list(inventory.keys) == ["a.html", "b.txt", "sub/c.txt"]
    tasks = list(inventory.tasks)
    assert [t.key for t in tasks] == list(inventory.keys)
    root = os.path.abspath(tmp_path)
    first = tasks[2]
    assert isinstance(first, FileTask)
    assert first.path == os.path.join(root, "sub", "c.txt")
    assert (first.root, first.size, first.known_sha) == (root, 1, None)
    assert first.mtime_ns == os.stat(first.path).st_mtime_ns
    assert inventory.tasks[-1] == first and inventory.tasks[1:] == tasks[1:]
    assert inventory.tasks.key(0) == "a.html"
