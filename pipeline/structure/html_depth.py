"""A linear pre-scan of a page's tags that refuses absurd nesting before the parser sees it.

Why: the HTML tree builder checks scopes by walking the stack of open elements, and
reopens every formatting element that was closed implicitly (``<p><b id=1>x<p><b id=2>x``
nests each earlier ``<b>`` again), so a page's cost grows with depth x tags. A hostile
page of 100,000 unclosed ``<div>`` (or ``<ul>``, or distinct ``<b>``) costs quadratic time,
minutes for a megabyte, before the walk could say ``too_deep``. This scan runs first, in
one pass over the tags, and keeps a stack of open elements with the rules that close
elements without an end tag (an end tag closes what it matches and everything inside it;
``<li>``, ``<dt>``/``<dd>``, ``<option>``, table rows and cells, ``<a>``; a ``<p>`` closed
by a block) and a count of the formatting elements the parser would reopen. It only has
to tell a page nested a few levels deep from one nested thousands deep, so its limit is
generous (:data:`PRESCAN_FACTOR` x the depth limit) and the walk still enforces the exact
limit. Every step is O(1) amortized, and the scan stops as soon as the limit is passed.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.errors import StructureError

PRESCAN_FACTOR = 2
"""The pre-scan refuses a page whose estimated nesting is over this many times the depth limit."""
PRESCAN_MIN_TAGS = 1024
"""Pages with fewer ``<`` than this are not scanned: their parse is cheap whatever their depth.

More generally a page is not scanned when the tags that may open an element times all its
``<`` stay under this squared (:func:`cheap_to_parse`)."""

_TOKEN = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)(>?)|(!--)|[!?])")
"""A tag (end slash, name, attributes, ``>`` unless a ``<`` came first), a comment, or ``<!``/``<?``."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _words("area base basefont bgsound br col embed frame hr image img input keygen link meta param")
_VOID |= _words("source track wbr")
_RAW_TEXT = _words("script style textarea title xmp iframe noembed noframes noscript plaintext")
_RAW_END = {name: re.compile("</" + name, re.IGNORECASE) for name in _RAW_TEXT}
"""The end tag of each raw-text element, case-insensitive (``str.lower`` may change a text's length)."""
_FOREIGN = _words("svg math")
_P_CLOSERS = _words("address article aside blockquote center details dialog dir div dl fieldset")
_P_CLOSERS |= _words("figcaption figure footer form header hgroup hr main menu nav ol p pre listing")
_P_CLOSERS |= _words("search section summary table ul h1 h2 h3 h4 h5 h6")
_P_BOUNDARY = _words("button table td th caption applet marquee object template html")
"""Elements that hide an outer ``<p>`` from the blocks opened inside them (button scope)."""
_FORMATTING = _words("a b big code em font i nobr s small strike strong tt u")
"""Elements the parser reopens after they are closed implicitly (the active formatting elements)."""
_MARKERS = _words("td th caption applet marquee object template")
"""Elements that fence the formatting elements opened inside them: closing one forgets those."""
_NOAHS_ARK = 3
"""At most this many identical formatting elements (same tag and attributes) are reopened."""
_SIBLINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # start tag -> (open elements it closes, elements that shield them)
    "li": (("li",), ("ul", "ol", "menu")),
    "dt": (("dt", "dd"), ("dl",)),
    "dd": (("dt", "dd"), ("dl",)),
    "option": (("option",), ("select", "datalist", "optgroup")),
    "optgroup": (("optgroup", "option"), ("select",)),
    "tr": (("tr",), ("table",)),
    "td": (("td", "th"), ("tr", "table")),
    "th": (("td", "th"), ("tr", "table")),
    "thead": (("thead", "tbody", "tfoot"), ("table",)),
    "tbody": (("thead", "tbody", "tfoot"), ("table",)),
    "tfoot": (("thead", "tbody", "tfoot"), ("table",)),
    "a": (("a",), ()),
    "button": (("button",), ()),
    "nobr": (("nobr",), ()),
}


class _Stack:
    """Open elements, plus the formatting elements closed implicitly that the parser would reopen.

    ``depth`` counts both: every dormant formatting element comes back, one level deeper,
    at the next text. Lookups are O(1) (positions per name); every element is pushed and
    popped once, so a scan is linear in the number of tags.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.extra: list[tuple[str, tuple[int, Counter[str]] | None] | None] = []
        """Per open element: None, or its formatting key / its marker snapshot of the dormant ones."""
        self.where: dict[str, list[int]] = {}
        self.barriers: list[int] = []
        self.foreign = 0
        self.open_keys: Counter[str] = Counter()
        self.dormant = 0
        self.dormant_keys: Counter[str] = Counter()

    def last(self, name: str) -> int:
        positions = self.where.get(name)
        return positions[-1] if positions else -1

    def push(self, name: str, key: str | None) -> None:
        index = len(self.names)
        self.where.setdefault(name, []).append(index)
        self.names.append(name)
        if name in _P_BOUNDARY:
            self.barriers.append(index)
        if name in _FOREIGN:
            self.foreign += 1
        extra: tuple[str, tuple[int, Counter[str]] | None] | None = None
        if key is not None:
            if self.open_keys[key] + self.dormant_keys[key] >= _NOAHS_ARK and self.dormant_keys[key]:
                self._forget(key)  # the oldest identical one leaves the list
            self.open_keys[key] += 1
            extra = (key, None)
        elif name in _MARKERS:
            extra = ("", (self.dormant, self.dormant_keys.copy()))
        self.extra.append(extra)

    def pop_to(self, index: int) -> None:
        """Close the element at ``index`` and everything opened after it (those implicitly)."""
        while len(self.names) > index:
            name, extra = self.names.pop(), self.extra.pop()
            self.where[name].pop()
            if self.barriers and self.barriers[-1] == len(self.names):
                self.barriers.pop()
            if name in _FOREIGN:
                self.foreign -= 1
            if extra is None:
                continue
            key, snapshot = extra
            if snapshot is not None:  # a marker closes: the formatting elements inside are forgotten
                self.dormant, self.dormant_keys = snapshot
                continue
            self.open_keys[key] -= 1
            if len(self.names) > index:  # closed by something else: the parser reopens it later
                self.dormant += 1
                self.dormant_keys[key] += 1

    def end_formatting(self, name: str) -> None:
        """``</b>`` for a ``<b>`` that is no longer open: the parser drops one from the list."""
        key = next((k for k, n in self.dormant_keys.items() if n and k.split(" ", 1)[0] == name), None)
        if key is not None:
            self._forget(key)

    def _forget(self, key: str) -> None:
        self.dormant -= 1
        self.dormant_keys[key] -= 1

    def close_implied(self, name: str) -> None:
        """What a start tag closes without an end tag: an open ``<p>`` (blocks), a sibling (``<li>``...)."""
        if name in _P_CLOSERS:
            p = self.last("p")
            if p >= 0 and p > (self.barriers[-1] if self.barriers else -1):
                self.pop_to(p)
        sibling = _SIBLINGS.get(name)
        if sibling is not None:
            closes, shields = sibling
            index = max(self.last(n) for n in closes)
            if index >= 0 and index > max((self.last(n) for n in shields), default=-1):
                self.pop_to(index)


def estimated_depth(html: str, limit: int) -> int:
    """The deepest nesting the scan sees, or the first depth over ``limit`` (it stops there)."""
    stack = _Stack()
    deepest = pos = 0
    gt = -1
    end = len(html)
    while pos < end:
        match = _TOKEN.search(html, pos)
        if match is None:
            break
        slash, name, attributes, closed, comment = match.groups()
        pos = match.end()
        if comment:
            close = html.find("-->", pos)
            pos = end if close < 0 else close + 3
            continue
        if name is None or not closed:  # <!doctype>, <?..>, or a tag whose name or attributes hold "<"
            if gt < pos:
                gt = html.find(">", pos)  # remembered: a run of "<a<a<a" is not searched again and again
                if gt < 0:
                    break  # no tag can end: the rest is text
            pos = gt + 1
            if name is None:
                continue
        name = name.lower()
        if slash:
            index = stack.last(name)
            if index >= 0:
                stack.pop_to(index)
            elif name in _FORMATTING:
                stack.end_formatting(name)
            continue
        if name in _VOID or (stack.foreign and attributes.endswith("/")):
            continue  # <br>, or <path ... /> in SVG or MathML
        stack.close_implied(name)
        if name in _RAW_TEXT:  # its content is text up to its end tag
            found = _RAW_END[name].search(html, pos)
            pos = end if found is None else found.start()
            continue
        # identical formatting elements: same tag and attributes (as written)
        key = name + " " + " ".join(attributes.split())[:200] if name in _FORMATTING else None
        stack.push(name, key)
        depth = len(stack.names) + stack.dormant
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
    return deepest


def _raw_text_alternative(name: str) -> str:
    """A raw-text element's start tag and its text up to its end tag, as the scan skips them."""
    letters = "".join(f"[{c.lower()}{c.upper()}]" for c in name)  # ASCII only, as the scan's names
    return rf"{letters}(?![A-Za-z0-9:-])[^<>]*(?:>|[^>]*>)[^<]*(?:<(?!/(?i:{name}))[^<]*)*"


_BOUND_TOKEN = re.compile(
    r"<(?:!--(?:.*?-->|.*)"  # a comment, to its end or the end of the page
    r"|[!?][^>]*(?:>|\Z)"  # <!doctype>, <?...>
    r"|(" + "|".join(_raw_text_alternative(name) for name in sorted(_RAW_TEXT)) + ")"  # raw text
    r"|(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*(>|[^>]*>|[^>]*\Z))",  # a tag; no ">" at all: the scan stops
    re.DOTALL,
)
"""The scan's tokens (:func:`estimated_depth`) in one regex pass: the same comments, raw-text
elements, tags whose attributes hold ``<`` (read to the next ``>``) and the same stop."""


def depth_bound(html: str, limit: int) -> int | None:
    """An upper bound of :func:`estimated_depth`, or the first value over ``limit``; None
    when it cannot tell (a raw-text element written self-closing where SVG may be open).

    Why: the scan's stack costs about a microsecond per tag in Python; this keeps one
    counter per tag name and is about twice as cheap. Each name's counter goes up at its
    start tag and down at its end tag, never under zero: the scan's open elements of that
    name (plus, for a formatting element, those it would reopen) never exceed it, since an
    end tag closes at most what its counter counts and the implied closings only close.
    Two cases need care. An end tag of a formatting element inside a table cell (a marker)
    may forget a dormant element that the cell's end brings back, so while a marker may be
    open those end tags do not count down. A self-closing tag (``<path/>``) is counted as
    opened, which is more than the scan does inside SVG. The sum of the counters is then at
    least the scan's depth at every tag.
    """
    counts: dict[str, int] = {}
    total = deepest = markers = 0
    for raw, slash, written, end in _BOUND_TOKEN.findall(html):
        if raw:
            # Inside SVG or MathML the scan reads <script/> as self-closing, not raw text.
            if (counts.get("svg") or counts.get("math")) and "/" in raw[: raw.index(">")]:
                return None
            continue
        if not written:
            continue  # a comment or a declaration
        if not end.endswith(">"):
            break  # a tag that never ends: the scan stops there too
        name = written.lower()
        if slash:
            count = counts.get(name)
            if count and not (markers and name in _FORMATTING):
                counts[name] = count - 1
                total -= 1
                if name in _MARKERS:
                    markers -= 1
            continue
        if name in _VOID:
            continue
        counts[name] = counts.get(name, 0) + 1
        total += 1
        if name in _MARKERS:
            markers += 1
        if total > deepest:
            deepest = total
            if deepest > limit:
                return deepest
    return deepest


def cheap_to_parse(html: str | bytes, tags: int) -> bool:
    """Whether the tree builder's worst case on ``html`` is small whatever its nesting.

    Why: the builder's cost is at most a few steps per token for each level of the stack
    of open elements (scope checks, reopening formatting elements), and the stack never
    holds more elements than the page has start tags (an element the parser reopens takes
    the place of the one it copies), plus a few it adds itself (``html``, ``body``,
    ``tbody``). So starts x tokens bounds the cost, as ``tags`` x ``tags`` did when only
    pages under :data:`PRESCAN_MIN_TAGS` ``<`` were spared the scan. A ``<`` that begins
    ``</`` opens nothing; every other one is counted as a start tag (an upper bound: ``<``
    in text, in a comment or before a space is counted too). One regex pass in C costs a
    tenth of the scan (``bytes.count`` of two bytes is twice as slow on HTML, whose ``/``
    are many); most real pages of a thousand or two ``<`` are half end tags. A page of twice
    :data:`PRESCAN_MIN_TAGS` ``<`` or more would need three end tags in four: it is scanned
    without the count.
    """
    if tags >= 2 * PRESCAN_MIN_TAGS:
        return False
    ends = _END_TAG_BYTES.findall(html) if isinstance(html, bytes) else _END_TAG.findall(html)
    return (tags - len(ends)) * tags < PRESCAN_MIN_TAGS * PRESCAN_MIN_TAGS


_END_TAG = re.compile("</")
_END_TAG_BYTES = re.compile(b"</")


def check_nesting(html: str | bytes, max_depth: int, *, tags: int | None = None) -> int | None:
    """Raise :class:`StructureError` ``too_deep`` when the page is clearly nested far past ``max_depth``.

    Returns the estimated depth (or :func:`depth_bound`, an upper bound of it, when that is
    enough to know the page passes), or None for a cheap page (fewer than :data:`PRESCAN_MIN_TAGS`
    ``<``, or :func:`cheap_to_parse`), which is not scanned: its parse is cheap whatever its
    depth, and the walk enforces the depth limit on it. ``tags`` is the count of ``<`` when
    the caller has it (:func:`pipeline.structure.html.parse_html` does).
    """
    if tags is None:
        tags = html.count(b"<") if isinstance(html, bytes) else html.count("<")
    if tags < PRESCAN_MIN_TAGS or cheap_to_parse(html, tags):
        return None  # decided on the input as it is: no decoded copy of a page that is not scanned
    text = html.decode("latin-1") if isinstance(html, bytes) else html
    limit = PRESCAN_FACTOR * max_depth
    bound = depth_bound(text, limit)
    if bound is not None and bound <= limit:
        return bound  # the scan would not refuse the page: its estimate is at most this
    depth = estimated_depth(text, limit)
    if depth > limit:
        raise StructureError("too_deep", f"elements nested deeper than {limit} (found before parsing)")
    return depth
