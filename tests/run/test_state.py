"""The state store's lookups: they replace a dict of every stored document, so they must
answer exactly as that dict did, whatever order the keys are asked in."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.run.state import Known, StateStore

KEY = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=8)


def remember(store: StateStore, keys: Iterable[str], parser_key: str = "p1") -> dict[str, Known]:
    """Store each key with facts derived from it; returns what a full load would have given."""
    expected = {}
    for n, key in enumerate(keys):
        known = Known(size=n, mtime_ns=1000 + n, sha256=f"sha-{n}", parser_key=parser_key)
        store.put(
            key, size=n, mtime_ns=1000 + n, sha256=known.sha256, parser_key=parser_key, result=b"", rows=b""
        )
        expected[key] = known
    store.flush()
    return expected


def test_lookup_answers_known_and_unknown_keys_in_the_order_asked(tmp_path: Path) -> None:
    with StateStore(tmp_path) as store:
        expected = remember(store, ["b", "d", "f", "capture:x @ 2024"])
        asked = ["a", "b", "c", "d", "capture:x @ 2024", "e", "f", "g", "b"]  # ascending, then not
        with store.lookup() as known:
            answers = [known.get(key) for key in asked]
        assert answers == [expected.get(key) for key in asked]
        assert answers[1] == Known(0, 1000, "sha-0", "p1")


def test_lookup_of_an_empty_store_knows_nothing(tmp_path: Path) -> None:
    with StateStore(tmp_path) as store, store.lookup() as known:
        assert [known.get(key) for key in ("a", "b", "a")] == [None, None, None]


def test_the_store_can_be_written_once_the_lookup_is_closed(tmp_path: Path) -> None:
    with StateStore(tmp_path) as store:
        remember(store, ["a", "b", "c"])
        with store.lookup() as known:
            assert known.get("a") is not None  # the scan is open, mid-table
        assert store.forget(["a"]) == 1
        with store.lookup() as known:
            assert known.get("a") is None and known.get("c") is not None


@settings(max_examples=60)
@given(
    stored=st.lists(KEY, unique=True, max_size=20), asked=st.lists(KEY, max_size=30), ascending=st.booleans()
)
def test_lookup_equals_a_dict_of_every_stored_document(
    stored: list[str], asked: list[str], ascending: bool
) -> None:
    if ascending:
        asked = sorted(asked)  # the merge with the scan; otherwise mostly queries one key at a time
    with tempfile.TemporaryDirectory() as folder, StateStore(Path(folder)) as store:
        expected = remember(store, stored)
        with store.lookup() as known:
            assert [known.get(key) for key in asked] == [expected.get(key) for key in asked]
        present = set(asked)
        assert store.count() == len(stored)
        assert store.absent(asked) == sorted(key for key in stored if key not in present)


def test_absent_keys_are_the_stored_ones_not_present_in_key_order(tmp_path: Path) -> None:
    with StateStore(tmp_path) as store:
        remember(store, ["m", "z", "a", "k", "0"])
        assert store.absent(iter(["k", "b", "a"])) == ["0", "m", "z"]
        assert store.absent(["0", "a", "k", "m", "z", "new"]) == []
        assert store.absent([]) == ["0", "a", "k", "m", "z"]
        assert store.count() == 5  # the comparison left the store alone
