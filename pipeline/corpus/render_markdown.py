"""Spec -> the Markdown capture of its page, as three real tools write one.

Written from what those tools print for a saved article page (the semantic layout of
:mod:`pipeline.corpus.render_html`: title, subtitle, read-time line, the table of contents with
the repeated title and its label, the body, the job cards, the salary links and the related
articles), walking the same :func:`~pipeline.corpus.render_text.outline` as every renderer:

* ``jina``: **Jina Reader** (``r.jina.ai``). A header of ``Title:`` (the page's ``<title>``),
  ``URL Source:`` and ``Published Time:`` lines with blank lines between them, then
  ``Markdown Content:``. Its HTML-to-Markdown step is Turndown with setext headings: ``===`` under
  the ``<h1>``, ``---`` under an ``<h2>``, ``###`` for the rest; ``*`` bullets followed by three
  spaces, numbers as ``1.`` and two spaces; ``**strong**``; links absolute (``[text](url)``),
  those of the table of contents too; Turndown's escapes of Markdown characters in text.
* ``clipper``: a **browser clipper with YAML front matter** (MarkDownload's template with the
  fields of Obsidian Web Clipper's: ``title``, ``source``, ``author``, ``published``,
  ``created``, ``description``, ``tags``), then the title as a ``#`` heading. Turndown with ATX
  headings (``#``, ``##``, ``###``), ``-`` bullets, ``1.`` numbers with one space,
  ``**Label:**`` tip labels, absolute links.
* ``obsidian``: **Obsidian Web Clipper**'s default template: the same front matter, then the
  page's content without its title heading (the clip's title lives in the front matter and the
  note's name). The ``title`` field is the page's ``<title>``, with its `` | host`` suffix on
  some pages and without it on others, as the clipper takes it from the page's metadata.
* ``html2text``: Python's **html2text** with its defaults: no header, ATX headings, ``  *``
  bullets and ``  1.`` numbers indented by two spaces, links as the page printed them
  (relative), and paragraphs hard-wrapped at 78 columns (``BODY_WIDTH``; list items are not
  wrapped, ``WRAP_LIST_ITEMS`` being off). A wrapped line that would start with a Markdown
  block marker gets it escaped, as html2text's ``escape_md_section`` does.

A job card prints as these tools print the card's elements: the flag line, the title as an
``<h3>`` holding a link to the job, the ``@ company | place`` line with a link on the company,
and the badges as one text line. The salary links are a list of two links per item, the related
articles a heading and a list of links (empty when the page fills it by script).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Literal

from pipeline.corpus.render_html import slugify
from pipeline.corpus.render_text import FEATURED, Node, outline, salary_link_text
from pipeline.corpus.specs import ArticleSpec, JobCard

MarkdownStyle = Literal["jina", "clipper", "obsidian", "html2text"]
MARKDOWN_STYLES: tuple[MarkdownStyle, ...] = ("jina", "clipper", "obsidian", "html2text")
WIDTH = 78
"""html2text's ``BODY_WIDTH``."""

# Turndown's escapes (its ``escape`` rules): characters anywhere, and block markers at the start.
_ANYWHERE = re.compile(r"([\\*`\[\]_])")
_AT_START = re.compile(r"^(-|\+ |=+|#{1,6} |>|~~~)")
_NUMBER_AT_START = re.compile(r"^(\d+)\. ")
# A wrapped line that would open a block: a bullet, a heading, a quote, a rule or underline,
# a fence, an HTML block, a number.
_BLOCK_START = re.compile(r"^(?:[-+*#>=~`<]|\d+[.)](?:\s|$))")


def escape(text: str) -> str:
    """Markdown characters in ``text`` escaped as Turndown escapes them.

    >>> escape("C++ and snake_case [beta]")
    'C++ and snake\\\\_case \\\\[beta\\\\]'
    >>> escape("1. Learn Python")
    '1\\\\. Learn Python'
    """
    text = _ANYWHERE.sub(r"\\\1", text)
    text = _AT_START.sub(r"\\\1", text)
    return _NUMBER_AT_START.sub(r"\1\\. ", text)


def _escape_line_start(line: str) -> str:
    """A continuation line of a wrapped paragraph, its first character escaped when it would
    open a block (``\\-``, ``1\\.``)."""
    if not _BLOCK_START.match(line):
        return line
    if line[0].isdigit():
        digits = len(line) - len(line.lstrip("0123456789"))
        return line[:digits] + "\\" + line[digits:]
    return "\\" + line


def wrap(text: str, width: int = WIDTH) -> str:
    """A paragraph hard-wrapped as html2text wraps it: at spaces, long words kept whole."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join([lines[0], *(_escape_line_start(line) for line in lines[1:])]) if lines else ""


class _Style:
    """How one tool prints each kind of element."""

    def __init__(self, style: MarkdownStyle, spec: ArticleSpec) -> None:
        self.style = style
        self.base = "" if style == "html2text" else f"https://{spec.host}"
        self.page = "" if style == "html2text" else spec.url

    def heading(self, text: str, level: int) -> str:
        if self.style == "jina" and level <= 2:
            return f"{escape(text)}\n" + ("=" if level == 1 else "-") * 15
        return f"{'#' * level} {escape(text)}"

    def paragraph(self, text: str) -> str:
        return wrap(escape(text)) if self.style == "html2text" else escape(text)

    def bullet(self, text: str) -> str:
        prefix = {"jina": "*   ", "clipper": "- ", "obsidian": "- ", "html2text": "  * "}[self.style]
        return prefix + text

    def number(self, number: int, text: str) -> str:
        prefix = {"jina": f"{number}.  ", "clipper": f"{number}. ", "obsidian": f"{number}. ",
                  "html2text": f"  {number}. "}[self.style]
        return prefix + text

    def link(self, text: str, href: str) -> str:
        return f"[{escape(text)}]({self.base + href if href.startswith('/') else href})"


def _toc(style: _Style, nodes: list[Node]) -> str:
    return "\n".join(style.bullet(style.link(n.text, f"{style.page}#{slugify(n.text)}"))
                     for n in nodes if n.kind == "heading")


def _card(style: _Style, card: JobCard) -> list[str]:
    return [
        style.paragraph(FEATURED),
        f"### {style.link(card.title, f'/job/{card.job_id}-{slugify(card.title)}')}",
        f"@ {style.link(card.company, f'/company/{slugify(card.company)}/')} | {escape(card.location)}",
        style.paragraph(card.badge_line),
    ]


def _salary_link(style: _Style, role: str) -> str:
    href = f"/salaries/{slugify(role)}-salary/"
    label = salary_link_text(role).removesuffix(" Details")
    return style.bullet(f"{style.link(label, href)} {style.link('Details', href + '#details')}")


def _header(spec: ArticleSpec, style: MarkdownStyle, clipped: date) -> list[str]:
    if style == "jina":
        return [f"Title: {spec.title} | {spec.host}", f"URL Source: {spec.url}",
                f"Published Time: {spec.published.isoformat()}T00:00:00+00:00", "Markdown Content:"]
    if style in ("clipper", "obsidian"):
        def quoted(value: str) -> str:
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        # The page's <title> carries the host; a clipper that reads the page's metadata
        # (og:title) has the title alone: both are common, so the slug's length picks one.
        title = f"{spec.title} | {spec.host}" if style == "obsidian" and len(spec.slug) % 2 else spec.title
        return ["\n".join(["---", f"title: {quoted(title)}", f"source: {quoted(spec.url)}", "author:",
                           f"published: {spec.published.isoformat()}", f"created: {clipped.isoformat()}",
                           f"description: {quoted(spec.subtitle)}", "tags:", '  - "clippings"', "---"])]
    return []


def render_markdown(spec: ArticleSpec, style: MarkdownStyle = "jina", *,
                    related: Sequence[tuple[str, str]] = (), clipped: date | None = None) -> str:
    """The Markdown capture of ``spec``'s page in ``style`` (see the module docstring).

    ``related`` is the page's related-articles list as ``(href, title)`` links (the site fills
    it by script: empty unless given); ``clipped`` is the day a clipper saved it (its
    ``created`` field; the publication day by default).
    """
    out = _Style(style, spec)
    nodes = outline(spec)
    chunks = _header(spec, style, clipped or spec.published)
    if style == "jina":  # the header's last line is followed by the content directly
        chunks[-1] += "\n" + out.heading(spec.title, 1)
    index = 0
    while index < len(nodes):
        node = nodes[index]
        kind = node.kind
        if kind in ("bullet", "numbered", "salary_link"):
            end = index
            while end < len(nodes) and nodes[end].kind == kind:
                end += 1
            run = nodes[index:end]
            if kind == "bullet":
                chunks.append("\n".join(out.bullet(escape(n.text)) for n in run))
            elif kind == "numbered":
                chunks.append("\n".join(out.number(n.number, f"**{escape(n.label)}:** {escape(n.text)}")
                                        for n in run))
            else:
                chunks.append("\n".join(_salary_link(out, n.text) for n in run))
            index = end
            continue
        if kind == "title":
            if style in ("clipper", "html2text"):
                chunks.append(out.heading(node.text, 1))
        elif kind in ("heading", "related"):
            chunks.append(out.heading(node.text, 2))
            if kind == "related" and related:
                chunks.append("\n".join(out.bullet(out.link(title, href)) for href, title in related))
        elif kind in ("subheading", "salary_heading"):
            chunks.append(out.heading(node.text, 3))
        elif kind == "toc_label":
            chunks += [out.paragraph(node.text), _toc(out, nodes)]
        elif kind == "card":
            assert node.card is not None
            chunks += _card(out, node.card)
        else:
            chunks.append(out.paragraph(node.text))
        index += 1
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"
