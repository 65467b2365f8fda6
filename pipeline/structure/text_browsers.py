"""Text written by text-mode browsers and wrapping converters -> one paragraph per line.

Why: besides a page copied from a browser window (one paragraph per line), users save pages
with ``lynx -dump``, ``w3m -dump``, ``links -dump`` or converters that wrap text (``pandoc -t
plain``, ``html2text`` with a width). Those tools hard-wrap every paragraph and list item at
a fixed width (72 to 80 columns), indent continuation lines under an item's text, and
``lynx`` numbers every link (``[12]Data Engineer``) and lists the addresses at the end under
``References``. Read line by line, a wrapped paragraph becomes several blocks and an item
loses its end, so the dump is first brought back to the shape the text path reads.

Both repairs are decided from the text as a whole, never line by line:

* **Wrapped**: the longest line is at most :data:`MAX_WRAP_WIDTH` characters and at least
  :data:`MIN_FULL_LINES` lines are near it. A dump with one paragraph per line has longer
  lines (an article's paragraphs run to hundreds of characters), so it is left alone. In a
  wrapped dump a line joins the next when the next line's first word would not have fitted
  on it (how greedy wrapping breaks lines), and the next line is neither blank, nor a list
  item, nor indented less than the text it continues.
* **Link numbers**: only when a ``References`` list of numbered addresses ends the text
  (lynx's own trailer); then the list is cut and each ``[N]`` that it numbers is removed.
"""

from __future__ import annotations

import re

MAX_WRAP_WIDTH = 100
"""Longest line of a wrapped dump (text browsers wrap at 72 to 80 columns by default)."""
MIN_WRAP_WIDTH = 40
"""Narrowest width taken for wrapping: lines of a few words each are a list, not a wrapped text."""
MIN_FULL_LINES = 5
"""Lines within :data:`_NEAR_FULL` characters of the longest that show a wrapping width."""
_NEAR_FULL = 12
_LIST_MARKER = re.compile(r"^[ \t]*(?:[•·▪●◦‣∙*+–-]|\d{1,3}[.)])[ \t]+\S")
_REFERENCES = re.compile(r"^[ \t]*References[ \t]*$", re.MULTILINE)
_REFERENCE_LINE = re.compile(r"^[ \t]*(\d{1,5})\.[ \t]+\S+:\S*[ \t]*$")
# lynx splits its list in two when some links are hidden.
_LINK_GROUP = re.compile(r"^[ \t]*(?:Visible|Hidden) links:[ \t]*$")
_LINK_NUMBER = re.compile(r"\[(\d{1,5})\]")
# What lynx prints for a form button and an image without alt text.
_WIDGETS = re.compile(r"\(BUTTON\)[ \t]?|\[(?:IMG|INLINE|LINK)\][ \t]?")


def text_browser_lines(text: str) -> list[str]:
    """The dump's lines, with lynx's link numbers and references removed and wrapped lines
    joined; its lines as they are when it shows neither (the common case costs a substring
    test and the lengths of its lines, in C).

    Lines are joined before the link numbers go: the tool wrapped the text with them.
    """
    numbers: set[str] = set()
    if "References" in text:
        text, numbers = _references(text)
    lines = text.splitlines()
    if lines and max(map(len, lines)) <= MAX_WRAP_WIDTH + _NEAR_FULL:
        width = _wrap_width(lines)
        if width is not None:
            lines = _unwrap(lines, width)
    if numbers:
        lines = [_without_numbers(line, numbers) for line in lines]
    return lines


def _references(text: str) -> tuple[str, set[str]]:
    """The text before lynx's ``References`` trailer and the link numbers the trailer lists;
    the text and no numbers when it has no such trailer."""
    headings = list(_REFERENCES.finditer(text))
    if not headings:
        return text, set()
    found = headings[-1]  # the trailer ends the dump
    numbers: set[str] = set()
    for line in text[found.end():].splitlines():
        if not line.strip() or _LINK_GROUP.match(line):
            continue
        reference = _REFERENCE_LINE.match(line)
        if reference is None:
            return text, set()  # something else follows: not lynx's trailer
        numbers.add(reference.group(1))
    return (text[:found.start()], numbers) if numbers else (text, set())


def _without_numbers(line: str, numbers: set[str]) -> str:
    """A line without the ``[N]`` link marks the trailer lists, nor lynx's widget marks."""
    if "[" in line:
        line = _LINK_NUMBER.sub(lambda m: "" if m.group(1) in numbers else m.group(0), line)
    return _WIDGETS.sub("", line) if "(BUTTON)" in line or "[" in line else line


def _wrap_width(lines: list[str]) -> int | None:
    """The width the dump was wrapped at, or None when it was not wrapped."""
    lengths = [len(line.rstrip()) for line in lines]
    width = max(lengths, default=0)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    full = sum(1 for length in lengths if length >= width - _NEAR_FULL)
    return width if full >= MIN_FULL_LINES else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _first_word_length(line: str) -> int:
    words = line.split(None, 1)
    return len(words[0]) if words else 0


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Join each wrapped line with the lines that continue it.

    A line continues the one before when its first word would not have fitted there within
    the longest line seen (a greedy wrapper breaks a line only then, and the longest line is
    at most the width it used), it is no list item, and it is indented at least as far as
    the text it continues (an item's continuation lines sit under the item's text, not under
    its marker).
    """
    out: list[str] = []
    parts: list[str] = []
    """The physical lines (stripped) of the line being joined; empty between lines."""
    last = 0
    """The length of the last physical line joined into ``parts``."""
    text_indent = 0
    """Where the joined line's text starts (after an item's marker)."""
    for line in lines:
        stripped = line.rstrip()
        if parts and stripped and not _LIST_MARKER.match(stripped) and _indent(stripped) >= text_indent:
            # A word broken after its hyphen or slash (``well-`` / ``named``, ``A/`` / ``B``),
            # or before its slash (w3m: ``CI`` / ``/CD``), goes on without a space: the tools
            # break there, inside the word.
            tail = parts[-1]
            head = stripped.lstrip()
            glued = (tail[-1:] in "-/" and tail[-2:-1].isalnum()) or (
                head[:1] == "/" and head[1:2].isalnum() and tail[-1:].isalnum())
            if last + (not glued) + _first_word_length(stripped) > width:
                parts.append(stripped.strip() if glued else " " + stripped.strip())
                last = len(stripped)
                continue
        if parts:
            out.append("".join(parts))  # joined once: a long paragraph is no quadratic copy
        if not stripped:
            parts = []
            out.append("")
            continue
        parts, last = [stripped], len(stripped)
        marker = _LIST_MARKER.match(stripped)
        text_indent = marker.end() - 1 if marker else _indent(stripped)
    if parts:
        out.append("".join(parts))
    return out
