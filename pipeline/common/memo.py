"""Per-process memory of pure functions' answers: bounded, counted, one helper for every stage.

Why: the board writes its articles from templates, so the same lines, headings, sentences and
job cards come back across thousands of documents of a run, and the parse and normalize
stages compute the same answers for them again and again. A function whose answer depends
only on its arguments (no globals, no I/O) and is immutable (or copied by its caller) can give
a remembered answer instead; the records are the same, only the time changes.

Every such memory is made by :func:`remembered`, which is :func:`functools.lru_cache` (in C:
a hit costs a hash of the key) with two bounds: ``maxsize`` entries, and, with ``longest``, no
call whose first argument is longer than ``longest`` is kept (it is answered fresh), so a
hostile document's megabyte-long line cannot make one entry huge. A memory therefore holds at
most ``maxsize * longest`` characters of keys. Each is registered under its function's
qualified name, so a script or a test can list them (:func:`registry`) or empty them all
(:func:`forget_all`); each worker process has its own (a fork inherits the parent's).

The key is the function's arguments: everything the answer depends on must be an argument
(the role names of an article, not a matcher object that stands for them), and every
argument must be hashable and compared by value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sized
from typing import Any, NamedTuple, ParamSpec, Protocol, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")


class MemoInfo(NamedTuple):
    """How a memory has served: ``lru_cache``'s counts and its bounds."""

    hits: int
    misses: int
    entries: int
    maxsize: int
    longest: int | None
    """The longest first argument kept (None: any; its values are small by construction)."""


class _Cached(Protocol):
    def cache_info(self) -> Any: ...
    def cache_clear(self) -> None: ...


_REGISTRY: dict[str, tuple[_Cached, int | None]] = {}


def remembered(maxsize: int, *, longest: int | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a pure function so that its answers are remembered per process (see the module).

    ``longest`` bounds the first argument's length (a text) of the calls that are kept; the
    others are answered by the function itself (positional arguments only, then). The
    decorated function keeps ``__wrapped__`` (the function itself, for a fresh answer) and
    ``cache_info`` / ``cache_clear``; with ``longest``, also ``remembered``, the memory without
    the length test, for a loop that tests the length itself (a Python call less per item:
    about 0.2 us, which a loop over every line of a document notices). Doctest does not see
    the examples of a length-bounded function (its wrapper is defined here): test it apart.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        call = cast(Callable[P, R], cached)
        name = f"{function.__module__}.{function.__qualname__}"
        _REGISTRY[name] = (cached, longest)
        if longest is None:
            return call
        limit = longest
        fresh = cast(Callable[..., R], function)
        kept = cast(Callable[..., R], cached)

        @functools.wraps(function)
        def bounded(first: Sized, *args: Any) -> R:
            if len(first) > limit:
                return fresh(first, *args)
            return kept(first, *args)

        bounded.cache_info = cached.cache_info  # type: ignore[attr-defined]
        bounded.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        bounded.remembered = cached  # type: ignore[attr-defined]
        return cast(Callable[P, R], bounded)

    return decorate


def registry() -> dict[str, MemoInfo]:
    """Every memory made by :func:`remembered` in this process, by function, with its counts."""
    out = {}
    for name, (cached, longest) in _REGISTRY.items():
        info = cached.cache_info()
        out[name] = MemoInfo(info.hits, info.misses, info.currsize, info.maxsize, longest)
    return out


def forget_all() -> None:
    """Empty every memory (tests that must see a function compute; a script's cold pass)."""
    for cached, _ in _REGISTRY.values():
        cached.cache_clear()
