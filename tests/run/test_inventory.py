"""The inventory's compact forms: keys packed in one string, tasks made on demand, and the
store read as the input is walked.

They replace plain lists and a dict of every stored document to keep a 100k-document run's
memory flat, so they must behave exactly as what they replace.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.fetch.warc_reader import CaptureRef
from pipeline.run import inventory as inventory_module
from pipeline.run.inventory import KeyList, take_inventory
from pipeline.run.state import StateStore
from pipeline.run.tasks import CaptureTask, FileTask

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


def remember(
    store: StateStore, key: str, *, size: int | None, mtime_ns: int | None, sha256: str, parser: str
) -> None:
    store.put(key, size=size, mtime_ns=mtime_ns, sha256=sha256, parser_key=parser, result=b"", rows=b"")


def test_the_store_decides_what_is_read_and_what_left(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (folder / name).write_text(name)
    stats = {name: os.stat(folder / name) for name in ("a.txt", "b.txt", "c.txt")}
    with StateStore(out) as store:
        for name, stat in stats.items():
            mtime = stat.st_mtime_ns - (5_000_000_000 if name == "b.txt" else 0)  # b was touched since
            parser = "old" if name == "c.txt" else "new"  # c was parsed by another parser
            remember(store, name, size=stat.st_size, mtime_ns=mtime, sha256=f"sha-{name}", parser=parser)
        for gone in ("z-gone.txt", "0-gone.txt", "b.txt.bak"):
            remember(store, gone, size=1, mtime_ns=1, sha256="x", parser="new")
        with store.lookup() as known:
            inventory = take_inventory(folder, out, known, "new", Limits())
        assert list(inventory.keys) == ["a.txt", "b.txt", "c.txt", "d.txt"]
        tasks = list(inventory.tasks)
        assert all(isinstance(task, FileTask) for task in tasks)
        # a is unchanged (not even read); b only touched: read, and its stored hash spares the parse;
        # c needs the new parser, d is new: both parsed
        expected = [("b.txt", "sha-b.txt"), ("c.txt", None), ("d.txt", None)]
        assert [(t.key, t.known_sha) for t in tasks] == expected
        assert inventory.stored == 3
        assert inventory.removed(store) == ["0-gone.txt", "b.txt.bak", "z-gone.txt"]
        assert store.forget(inventory.removed(store)) == 3
        assert inventory.removed(store) == []  # every stored document is in the input again


def test_an_unchanged_input_reads_nothing_and_only_a_stored_extra_is_removed(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    for name in ("x.html", "sub/y.txt", "sub-z.txt"):  # "sub-z" sorts before "sub/y"
        (folder / name).write_text(name)
    with StateStore(out) as store:
        for name in ("x.html", "sub/y.txt", "sub-z.txt"):
            stat = os.stat(folder / name)
            remember(store, name, size=stat.st_size, mtime_ns=stat.st_mtime_ns, sha256=name, parser="p")
        with store.lookup() as known:
            inventory = take_inventory(folder, out, known, "p", Limits())
        assert list(inventory.keys) == ["sub-z.txt", "sub/y.txt", "x.html"]
        assert len(inventory.tasks) == 0 and inventory.stored == 3
        assert inventory.removed(store) == []
        remember(store, "sub/gone.txt", size=1, mtime_ns=1, sha256="x", parser="p")
        assert inventory.removed(store) == ["sub/gone.txt"]  # one more stored than found: found on disk


def test_captures_are_parsed_unless_stored_with_the_same_hash_and_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "raw.warc.gz").write_bytes(b"")
    (folder / "d.txt").write_text("d")  # after the captures in key order: they are asked out of order
    limits = Limits()

    def capture(name: str) -> tuple[str, CaptureTask]:
        key = f"capture:https://example.org/{name} @ 2024-10-30T08:00:00"
        sha = RawDocument(name, name.encode(), "text").sha256
        when = dt.datetime(2024, 10, 30, 8, tzinfo=dt.UTC)
        warc = folder / "raw.warc.gz"
        ref = CaptureRef(name, name, 200, "text/html", when, "article", sha, len(name), warc, 0)
        return key, CaptureTask(key, ref, limits)

    captures = [capture(name) for name in ("u2", "u1", "u3", "u0")]  # oldest first, not in key order

    def fake_captures(
        input_dir: Path, archives: list[str], limits: Limits, listings: object
    ) -> Iterator[tuple[str, CaptureTask]]:
        assert archives == ["raw.warc.gz"]
        yield from captures

    monkeypatch.setattr(inventory_module, "_captures", fake_captures)
    same, changed, reparsed, new = (task for _, task in captures)
    with StateStore(out) as store:
        remember(store, same.key, size=None, mtime_ns=None, sha256=same.ref.sha256, parser="p")
        remember(store, changed.key, size=None, mtime_ns=None, sha256="other bytes", parser="p")
        remember(store, reparsed.key, size=None, mtime_ns=None, sha256=reparsed.ref.sha256, parser="older")
        with store.lookup() as known:
            inventory = take_inventory(folder, out, known, "p", limits)
        assert list(inventory.keys) == ["d.txt", *(key for key, _ in captures)]
        assert [task.key for task in inventory.tasks] == ["d.txt", changed.key, reparsed.key, new.key]
        assert inventory.tasks[1] is changed
        assert inventory.stored == 3 and inventory.removed(store) == []


def test_a_key_that_is_not_utf8_round_trips() -> None:
    keys = KeyList()
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")  # a Latin-1 file name, as os.walk gives it
    keys.append(name)
    keys.append("b.txt")
    assert list(keys) == [name, "b.txt"]
    assert keys[0] == name
