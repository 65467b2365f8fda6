"""Markdown captures -> the common block stream, as the HTML path gives it for the same page.

Why its own path: reader tools and clippers (Jina Reader, Turndown-based extensions such as
MarkDownload, Obsidian Web Clipper, ``html2text``, pandoc) save an article as Markdown. Read as a
text dump, its syntax leaks into the records (``# Title``, ``**bold**``, ``[text](url)``) and a
paragraph hard-wrapped over several lines becomes several paragraphs. The Markdown is parsed by
a CommonMark parser (``markdown-it-py``, with tables and strikethrough) and its tokens become
the blocks ``<h1>``..``<h6>``, ``<p>``, ``<li>`` and table rows give in the HTML path: a heading
keeps its level, a list item its nesting depth and its marker (the printed bullet, or the
item's number), a paragraph is one block whatever its line breaks, a table row is one paragraph
of its cells. Inline content is the text a browser shows: emphasis and code marks, link
targets, images (an ``<img>`` alt is not shown either) and inline tags are dropped, entities
and escapes decoded, a line break is a space. A list whose every item is only a link into the
page itself is a table of contents and is cut, as the HTML path cuts it.

What is not content: a YAML front matter block at the very top (Obsidian Web Clipper,
MarkDownload, pandoc, static-site generators) and Jina Reader's header lines (``Title:``,
``URL Source:``, ``Published Time:``, ... up to ``Markdown Content:``). Their ``source`` /
``url`` / ``URL Source`` value is the page's address, the canonical URL of the capture. Their
``title`` is the page's title: a clip whose body has no level-1 heading (Obsidian Web Clipper's
default template keeps the title only in the front matter, and a reader may drop the ``<h1>``
it repeats) gets it as its first block, a site name after ``|`` (or after a dash, when it is
the page's host) taken off, as the page showed it in its ``<h1>``.

:func:`looks_like_markdown` tells a Markdown capture saved as ``.txt`` from a text dump by a
few substring tests that cost a few microseconds on a dump (see its docstring).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from typing import TYPE_CHECKING

from pipeline.errors import StructureError
from pipeline.structure.blocks import Block, BlockKind

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = (".md", ".markdown")
"""File suffixes (before an optional ``.gz``) of a Markdown capture: always read as Markdown."""
MAX_NESTING = 16
"""Block levels (a quote is one, a list item two) a capture may nest: far past any real one
(an article's lists nest two or three deep), and kept low because the parser checks every
open level on every line: 200 KB of lines continuing a quote 60 levels deep took 25 s,
15 levels deep 7 s."""
MAX_CHARS = 1024 * 1024
"""Longest Markdown capture parsed, in characters: an article's clip is 5 to 50 KB. The parser
is pure Python, and text built to slow it (brackets without their ends, lines continuing a
deep quote) costs it 30 to 40 us a character: past this a capture is ``too_large`` rather
than a worker's minute."""
MARKDOWN_MEDIA = ("text/markdown", "text/x-markdown")
"""Content types of a Markdown response (an archived capture)."""

# A YAML front matter block: ``---`` on the first line, ``---`` (or YAML's ``...``) closing it.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>(?:.*\r?\n)*?)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_YAML_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w -]*?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_YAML_ESCAPE = re.compile(r'\\(["\\/])')  # the escapes a clipper writes in a double-quoted title
_URL_KEYS = ("url", "source", "canonical_url", "canonical", "url source")
# Jina Reader's header: ``Key: value`` lines (blank lines between them) up to ``Markdown Content:``.
_JINA_END = "Markdown Content:"
_JINA_LINE = re.compile(r"^[A-Z][A-Za-z ]{1,30}:(?:[ \t].*)?$")
_MAX_HEADER_LINES = 40
_ABSOLUTE_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
_TITLE_KEYS = ("title",)
# A site name after the title (``A vs. B | aijobs.net``, ``A vs. B - ai-jobs.net``): the last
# `` | `` part, or the last dash part when it is a host name.
_SITE_AFTER_BAR = re.compile(r"\s+\|\s+[^|]+$")
_SITE_AFTER_DASH = re.compile(r"\s+[-\u2013\u2014]\s+(?P<site>[\w-]+(?:\.[\w-]+)+)$")
# Markdown beyond doubt in a ``.txt`` file (see :func:`looks_like_markdown`).
_ATX = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_SETEXT = re.compile(r"^[ ]{0,3}\S.*\n[ ]{0,3}(?:={3,}|-{3,})[ \t]*$", re.MULTILINE)
_HTML_BLOCK_DROPPED = re.compile(r"<!--.*?-->|<(script|style|template)\b.*?</\1\s*>",
                                 re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_BREAK_TAG = re.compile(r"<br\b", re.IGNORECASE)
_BREAKS = ("softbreak", "hardbreak")


def is_markdown_name(name: str, content_type: str | None = None) -> bool:
    """Whether a document is Markdown by its name (``.md``, ``.markdown``, either ``.gz``) or
    by its content type (``text/markdown``).

    >>> is_markdown_name("clips/Data Engineer vs MLOps.md.gz")
    True
    >>> is_markdown_name("dump.txt")
    False
    """
    if name.lower().removesuffix(".gz").endswith(MARKDOWN_SUFFIXES):
        return True
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in MARKDOWN_MEDIA


def looks_like_markdown(text: str) -> bool:
    """Whether a text shows Markdown beyond doubt: a front matter block or Jina Reader's header
    at the top, a link to a web address (``](http``), or two or more heading lines (ATX
    ``## X`` or a setext ``===``/``---`` underline under a line of text).

    A text dump shows none of these: a copied page has no link targets and no underlines, and
    the stray ``#**Title**`` of some captures is no ATX heading (no space after the ``#``), nor
    would one such line be enough. The cost is a few substring searches in C over a dump; the
    regular expressions run only on a text that has ``#`` or an underline at a line start.

    >>> looks_like_markdown("# A vs. B\\n\\n## Definitions\\n\\nText.")
    True
    >>> looks_like_markdown("#**A vs. B**\\n\\nDefinitions\\n\\nText.")
    False
    """
    start = text.lstrip("\ufeff")[:16]
    if start.startswith("---") and _front_matter(text.lstrip("\ufeff")) is not None:
        return True
    if start.startswith("Title:") and _JINA_END in text[:4096]:
        return True
    if "](http" in text:
        return True
    headings = 0
    if "\n#" in text or text.startswith("#"):
        headings += sum(1 for _ in zip(range(2), _ATX.finditer(text), strict=False))
    if headings < 2 and ("\n===" in text or "\n---" in text):
        headings += sum(1 for _ in zip(range(2), _SETEXT.finditer(text), strict=False))
    return headings >= 2


def markdown_to_blocks(text: str, *, max_blocks: int = 20_000) -> tuple[list[Block], str | None]:
    """``(blocks, canonical url)`` of a Markdown capture (see the module docstring).

    Raises :class:`StructureError` ``empty`` for a capture with no text and
    ``too_many_blocks`` past the limit, as the text path does, and ``too_large`` past
    :data:`MAX_CHARS`.
    """
    if len(text) > MAX_CHARS:
        raise StructureError("too_large", f"Markdown of more than {MAX_CHARS:,} characters")
    body, fields = header_fields(text.lstrip("\ufeff"))
    url = _url_of(fields)
    walk = _Walk(max_blocks)
    walk.run(_parser().parse(body), url)
    if not walk.blocks:
        raise StructureError("empty", "no text in the document")
    title = header_title(fields)
    if title and not any(block.kind is BlockKind.HEADING and block.level == 1 for block in walk.blocks):
        walk.blocks.insert(0, Block(BlockKind.HEADING, title, 1))
    if len(walk.blocks) > max_blocks:
        raise StructureError("too_many_blocks", f"more than {max_blocks} blocks")
    return walk.blocks, url


def split_header(text: str) -> tuple[str, str | None]:
    """The Markdown after a front matter block or Jina Reader's header, and the page address
    they give (``url``, ``source``, ``canonical_url``, ``URL Source``; absolute only).

    >>> split_header("---\\ntitle: A vs. B\\nsource: https://example.org/a-vs-b\\n---\\n# A vs. B")
    ('# A vs. B', 'https://example.org/a-vs-b')
    >>> split_header("Title: A\\n\\nURL Source: https://example.org/a\\n\\nMarkdown Content:\\nA\\n=")
    ('A\\n=', 'https://example.org/a')
    """
    body, fields = header_fields(text)
    return body, _url_of(fields)


def header_title(fields: dict[str, str]) -> str | None:
    """The page title a header gives, as the page's ``<h1>`` would print it: whitespace
    collapsed, a site name after it taken off (see the module docstring); None when absent.

    >>> header_title({"title": "AI Architect vs. Data Engineer | aijobs.net"})
    'AI Architect vs. Data Engineer'
    >>> header_title({"title": "AI Architect vs. Data Engineer - ai-jobs.net"})
    'AI Architect vs. Data Engineer'
    >>> header_title({"title": "Data Engineer vs. Analytics Engineer - Key Differences"})
    'Data Engineer vs. Analytics Engineer - Key Differences'
    """
    for key in _TITLE_KEYS:
        title = " ".join(fields.get(key, "").split())
        if title:
            title = _SITE_AFTER_BAR.sub("", title)
            return _SITE_AFTER_DASH.sub("", title) or None
    return None


def header_fields(text: str) -> tuple[str, dict[str, str]]:
    """The Markdown after a front matter block or Jina Reader's header, and the header's
    fields (keys lower-cased; empty when there is no header)."""
    if text.startswith("---"):
        found = _front_matter(text)
        if found is not None:
            end, fields = found
            return text[end:], fields
    if text.startswith("Title:"):
        lines = text.split("\n", _MAX_HEADER_LINES + 1)
        fields = {}
        for index, raw in enumerate(lines[:_MAX_HEADER_LINES]):
            line = raw.rstrip("\r")
            if line.strip() == _JINA_END:
                return "\n".join(lines[index + 1:]), fields
            if line.strip() and not _JINA_LINE.match(line):
                break
            key, _, value = line.partition(":")
            fields.setdefault(key.strip().lower(), value.strip())
    return text, {}


def _front_matter(text: str) -> tuple[int, dict[str, str]] | None:
    """``(end offset, top-level scalar fields)`` of a YAML front matter block at the very top,
    or None when the text does not open with one (a ``---`` rule alone is no front matter)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    fields: dict[str, str] = {}
    lines = match.group("body").splitlines()
    for line in lines:
        found = _YAML_KEY.match(line)
        if found is not None:
            fields.setdefault(found.group("key").strip().lower(), _yaml_scalar(found.group("value")))
    if lines and not fields:
        return None  # text between two rules, not a block of keys
    return match.end(), fields


def _yaml_scalar(value: str) -> str:
    """A plain or quoted YAML scalar as written on one line (a comment after it dropped).

    >>> _yaml_scalar('"Say \\\\"hi\\\\" vs. B"'), _yaml_scalar("'It''s A vs. B'")
    ('Say "hi" vs. B', "It's A vs. B")
    >>> _yaml_scalar("A vs. B # note")
    'A vs. B'
    """
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return _YAML_ESCAPE.sub(r"\1", value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value.split(" #", 1)[0].strip()


def _url_of(fields: dict[str, str]) -> str | None:
    for key in _URL_KEYS:
        value = fields.get(key, "").strip()
        if _ABSOLUTE_URL.match(value):
            return value
    return None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The CommonMark parser with GitHub's tables and strikethrough (built once per process).

    Why a rule of our own first in the block chain: past its ``maxNesting`` the parser skips
    the rest of a container without a word, so a capture nested that deep would lose text
    silently. The rule stops the parse two levels earlier (a list opens two at once) with
    ``too_deep``, as the HTML path stops a page nested past its limit.
    """
    from markdown_it import MarkdownIt  # noqa: PLC0415 (only Markdown captures pay for the import)

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING + 2}).enable(["table", "strikethrough"])
    parser.block.ruler.before("table", "too_deep", _too_deep)
    return parser


def _too_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule that matches nothing, but stops a parse nested past :data:`MAX_NESTING`."""
    if state.level >= MAX_NESTING:
        raise StructureError("too_deep", f"Markdown blocks nested deeper than {MAX_NESTING}")
    return False


class _Walk:
    """One pass over the token stream, building blocks as the HTML path would."""

    def __init__(self, max_blocks: int) -> None:
        self.max_blocks = max_blocks
        self.blocks: list[Block] = []
        self.lists: list[list[int]] = []
        """Per open list: [ordered, next number]: numbers count on from the first as HTML renders them."""
        self.item: tuple[str, int] | None = None
        """The marker and depth of a list item whose first text is still to come."""
        self.heading = 0
        self.cells: list[str] | None = None
        """The cells of an open table row."""
        self.toc: list[int] = []
        """Per open list: the block index it starts at, or -1 once an item is not an in-page link."""

    def run(self, tokens: list[Token], url: str | None) -> None:
        for token in tokens:
            kind = token.type
            if kind == "inline":
                self._inline(token, url)
            elif kind == "heading_open":
                self.heading = int(token.tag[1])
            elif kind == "heading_close":
                self.heading = 0
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.item = None  # an item whose first child is a list has no text of its own
                ordered = kind == "ordered_list_open"
                start = token.attrGet("start") if ordered else None
                self.lists.append([int(ordered), int(start) if start is not None else 1])
                self.toc.append(len(self.blocks))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                begin = self.toc.pop()
                if begin >= 0 and len(self.blocks) > begin:
                    del self.blocks[begin:]  # a table of contents
                if self.toc and begin < 0:
                    self.toc[-1] = -1
            elif kind == "list_item_open":
                current = self.lists[-1]
                if current[0]:
                    marker = f"{current[1]}{token.markup}"
                    current[1] += 1
                else:
                    marker = token.markup
                self.item = (marker, len(self.lists))
            elif kind == "list_item_close":
                if self.item is not None and self.toc:
                    self.toc[-1] = -1  # an item without text is no link either
                self.item = None
            elif kind == "tr_open":
                self.cells = []
            elif kind == "tr_close":
                row, self.cells = " ".join(self.cells or ()), None
                if row:
                    self._add(BlockKind.PARAGRAPH, row)
            elif kind in ("fence", "code_block"):
                self._text(" ".join(token.content.split()))
            elif kind == "html_block":
                self._text(_html_text(token.content))

    def _inline(self, token: Token, url: str | None) -> None:
        children = token.children or []
        text = _plain(children)
        if self.cells is not None:
            if text:
                self.cells.append(text)
            return
        if self.heading:
            if text:
                self._add(BlockKind.HEADING, text, self.heading)
            return
        if self.item is not None and self.toc and self.toc[-1] >= 0 and not _in_page_link(children, url):
            self.toc[-1] = -1
        self._text(text)

    def _text(self, text: str) -> None:
        """A paragraph, or the text of the list item it opens."""
        if not text:
            return
        if self.item is not None:
            marker, level = self.item
            self.item = None
            self._add(BlockKind.ITEM, text, level, marker)
        else:
            if self.toc:
                self.toc[-1] = -1  # a list item's second paragraph: more than a link
            self._add(BlockKind.PARAGRAPH, text)

    def _add(self, kind: BlockKind, text: str, level: int = 0, marker: str | None = None) -> None:
        self.blocks.append(Block(kind, text, level, marker))
        if len(self.blocks) > self.max_blocks:
            raise StructureError("too_many_blocks", f"more than {self.max_blocks} blocks")


def _plain(children: list[Token]) -> str:
    """The visible text of an inline token's children, whitespace collapsed."""
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif kind in _BREAKS or (kind == "html_inline" and _BREAK_TAG.match(child.content)):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _in_page_link(children: list[Token], url: str | None) -> bool:
    """Whether an item's text is one link into the page itself (``#anchor``, or the page's
    own address with an anchor): an entry of a table of contents."""
    links = [c for c in children if c.type == "link_open"]
    outside = any(c.type in ("text", "code_inline") and c.content.strip() for c in _outside_links(children))
    if len(links) != 1 or outside:
        return False
    href = str(links[0].attrGet("href") or "")
    page, hashmark, _ = href.partition("#")
    if not hashmark:
        return False
    return not page or (url is not None and page.rstrip("/") == url.partition("#")[0].rstrip("/"))


def _outside_links(children: list[Token]) -> list[Token]:
    depth, out = 0, []
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0:
            out.append(child)
    return out


def _html_text(html: str) -> str:
    """The visible text of a raw HTML block: comments, scripts and styles dropped, tags gone."""
    text = _TAG.sub(" ", _HTML_BLOCK_DROPPED.sub(" ", html))
    return " ".join(unescape(text).split())
