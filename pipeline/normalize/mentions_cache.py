"""What the mention finder found in texts seen before in the process: whole sections, and lines.

Why: the same blocks come back across the documents of a run (a site's job cards, its
boilerplate paragraphs, the templated sentences of a generator), and searching a text is
Python work per match. What a section names depends on its text, its key and whether it ends
the document alone (one rule reads to the end of the whole text: a short name ending it may
be a cut word). And no rule reads across a line break but one: a name that needs a list
context (``R``, ``Go``, a sentence-initial ``Spark``) looks at the names on the lines around
it. So a section is answered from its lines when none of them holds such a name: each line
is looked up, the lines not seen before are searched once together (each as a section of
its own, none of them last), and the mentions are moved to the line's place. A section with
such a name is searched whole. ``tests/normalize/test_mention_fast_paths.py`` checks the
answers are what a plain search gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from typing import NamedTuple

SEEN_LIMIT = 20_000
"""Sections, and lines, remembered at most; past it a cache starts over."""
TEXT_LIMIT = 1_000
"""The longest section or line remembered (so a cache holds at most about 20 MB of text, a few
in practice: sections average about 250 characters and lines 75; long texts rarely repeat)."""

_Part = tuple[str, str | None]
_Search = Callable[[Sequence[_Part], "set[int] | None"], "list[list[Mention]]"]
_LINE_WORTH = 24
"""A line shorter than this (an empty line, a heading) met again does not make a section worth
reading by lines."""
_END = ("", None)
"""An empty section searched after the others, so that none of them ends the text."""


class Mention(NamedTuple):
    """One vocabulary term found in text: its canonical name (and kind here) and the words as printed.

    A named tuple (immutable and cheap): every section of every article makes a few dozen.
    """

    kind: str
    name: str
    surface: str
    start: int
    end: int


class SeenTexts:
    """The answers of one finder's search for sections and lines seen before (see the module)."""

    def __init__(self, search: _Search) -> None:
        self._search = search
        """The finder's plain search; fills its set with the parts whose names need a list context."""
        self.sections: dict[tuple[str, str | None, bool], tuple[Mention, ...]] = {}
        self.lines: dict[_Part, tuple[Mention, ...] | None] = {}
        """The mentions of a (line, section key) searched alone, or None when one needs a list context."""
        self.met: set[str] = set()
        """The lines met in sections searched whole (in any section: it only says a line may come back)."""

    def clear(self) -> None:
        self.sections.clear()
        self.lines.clear()
        self.met.clear()

    def find_all(self, parts: Sequence[_Part]) -> list[list[Mention]]:
        """The mentions of each ``(text, section)`` of one document, as one search of them gives."""
        sections = self.sections
        last = len(parts) - 1
        found: list[list[Mention]] = [[] for _ in parts]
        missing = []
        for k, (text, section) in enumerate(parts):
            known = sections.get((text, section, k == last))
            if known is None:
                missing.append(k)
            else:
                found[k] = list(known)
        if not missing:
            return found
        self._by_lines(parts, missing, found)
        if len(sections) + len(missing) > SEEN_LIMIT:
            sections.clear()
        for k in missing:
            if len(parts[k][0]) <= TEXT_LIMIT:
                sections[parts[k][0], parts[k][1], k == last] = tuple(found[k])
        return found

    def _by_lines(self, parts: Sequence[_Part], missing: list[int], found: list[list[Mention]]) -> None:
        """Fill ``found[k]`` for each missing section from its lines, or by a search of it whole.

        A section is read line by line only when one of its lines (of some length) was met
        before: a text whose lines are all new (most of a real capture) is searched whole, as
        one part, and its lines are only remembered as met.
        """
        cache, met = self.lines, self.met
        known: dict[_Part, tuple[Mention, ...] | None] = {}
        new: list[_Part] = []
        lines: dict[int, list[str]] = {}
        whole: list[int] = []
        for k in missing:
            text, section = parts[k]
            split = text.split("\n")
            if len(split) == 1:
                whole.append(k)
                continue
            worth = list(compress(split, map(_LINE_WORTH.__le__, map(len, split))))
            if not any(map(met.__contains__, worth)):
                whole.append(k)
                met.update(worth)
                continue
            lines[k] = split
            for line in split:
                key = (line, section)
                if key not in known:
                    value = cache.get(key, _END)
                    if value is _END:
                        new.append(key)
                    known[key] = value  # type: ignore[assignment]
        last = len(parts) - 1
        # One search: the new lines (none of them last), then the sections searched whole, in
        # order (the document's last section last, or an empty one after them).
        tail = [parts[k] for k in whole]
        if not whole or whole[-1] != last:
            tail.append(_END)
        listy: set[int] = set()
        searched = self._search([*new, *tail], listy) if new or whole else []
        for k, searched_whole in zip(whole, searched[len(new):], strict=False):
            found[k] = searched_whole
        if len(cache) + len(new) > SEEN_LIMIT:
            cache.clear()
        if len(met) > SEEN_LIMIT:
            met.clear()
        for i, key in enumerate(new):
            known[key] = None if i in listy else tuple(searched[i])
            if len(key[0]) <= TEXT_LIMIT:
                cache[key] = known[key]
        # A Mention built without NamedTuple's argument-parsing __new__: one per shifted mention.
        new_mention = tuple.__new__
        for k, split in lines.items():
            section = parts[k][1]
            out = found[k]
            at = 0
            for line in split:
                mentions = known[line, section]
                if mentions is None:  # a name that needs a list context: search the section whole
                    found[k] = self._search([parts[k]] if k == last else [parts[k], _END], None)[0]
                    break
                if at == 0:
                    out += mentions
                else:
                    out += [new_mention(Mention, (m[0], m[1], m[2], m[3] + at, m[4] + at)) for m in mentions]
                at += len(line) + 1
