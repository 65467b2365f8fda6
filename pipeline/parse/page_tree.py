"""A board page as a tree and as visible text runs: what the listing and job-page readers share.

Why a module of its own: both readers of the job board's pages (:mod:`pipeline.parse.listing`
for listings, :mod:`pipeline.parse.job_page` for a job's own page) parse the page the same
lenient way, resolve its links the same way and read a card's fields from the same visible
text runs (:class:`pipeline.parse.cards.runs.Chunk`), whatever elements hold them. Nothing
here knows what a job, a listing or a class name is.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from pipeline.decode.charset import decode_bytes
from pipeline.errors import DecodeError
from pipeline.parse.cards.grammar import clean_line
from pipeline.parse.cards.runs import Chunk

IGNORED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link",
                          "button", "select", "option", "textarea", "svg", "iframe"})
"""Tags whose text is never visible."""
BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "li", "table", "tr", "td", "section", "article",
                        "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dd", "dt"})
"""Tags that start a new line when rendered: a link holding one of them wraps more than a title."""
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ZONE_ENDS = frozenset({*HEADINGS, "nav", "footer", "aside", "form", "header"})
"""Elements that end what a page prints under its title: the next heading, or page chrome."""


def resolve(base: str, href: str | None) -> str | None:
    """``href`` made absolute; ``None`` for scripts, in-page anchors and unparsable URLs."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:")):
        return None
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def identity(url: str) -> str | None:
    """A job URL without query and fragment: the job's identity on the page."""
    try:
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    except ValueError:
        return None


def parse_tree(html: str | bytes) -> etree._Element | None:
    """One lenient parse; ``None`` for input libxml2 finds nothing in."""
    text = html
    if isinstance(html, bytes):
        try:
            text = decode_bytes(html, is_html=True).text
        except DecodeError:
            text = html.decode("utf-8", "replace")
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        return etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def base_url(root: etree._Element, url: str) -> str:
    """The URL links resolve against: ``<base href>`` when the page has one."""
    for element in root.iter("base"):
        resolved = resolve(url, element.get("href"))
        if resolved:
            return resolved
    return url


def is_hidden(element: etree._Element) -> bool:
    """``hidden`` or an inline ``display:none``. ``aria-hidden`` is *not* hidden: boards put
    it on icons (the remote globe) that a reader sees."""
    if element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def chunks(top: etree._Element, skip: Iterable[etree._Element] = (),
           job_links: Iterable[etree._Element] = ()) -> list[Chunk]:
    """The visible text runs under ``top`` in reading order, with the link each sits in.

    Iterative (``iterwalk``), so deep junk cannot exhaust the stack; ``skip`` subtrees
    (the title) are left out but their tails are kept.
    """
    skipped, links = set(skip), set(job_links)
    out: list[Chunk] = []
    hrefs: list[str | None] = []
    opened: list[bool] = []
    in_job = 0

    def add(text: str | None) -> None:
        cleaned = clean_line(text or "")
        if cleaned:
            out.append(Chunk(cleaned, hrefs[-1] if hrefs else None, in_job > 0))

    walker = etree.iterwalk(top, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in IGNORED_TAGS or element in skipped or is_hidden(element):
                walker.skip_subtree()
                opened.append(False)
                continue
            opened.append(True)
            if tag == "a":
                hrefs.append(element.get("href"))
                in_job += element in links
            add(element.text)
            continue
        if opened.pop() and tag == "a":
            hrefs.pop()
            in_job -= element in links
        if element is not top:
            add(element.tail)
    return out


def visible_text(element: etree._Element) -> str:
    """The element's visible text runs joined by single spaces."""
    return " ".join(chunk.text for chunk in chunks(element))


def runs_after(root: etree._Element, start: etree._Element, limit: int) -> list[Chunk]:
    """The visible text runs that follow ``start`` (its tail first) up to the next heading
    of any level or piece of page chrome (:data:`ZONE_ENDS`), at most ``limit`` of them:
    what a page prints right under its title.

    Why a walk of its own: the runs after an element are not under one parent (a title's
    fields sit in the next ``div``, or in the tail of the title itself)."""
    out: list[Chunk] = []
    hrefs: list[str | None] = []
    opened: list[bool] = []
    after = False

    def add(text: str | None) -> bool:
        cleaned = clean_line(text or "")
        if cleaned and after:
            out.append(Chunk(cleaned, hrefs[-1] if hrefs else None))
        return len(out) >= limit

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if after and tag in ZONE_ENDS:
                break
            if not tag or tag in IGNORED_TAGS or is_hidden(element) or element is start:
                walker.skip_subtree()
                opened.append(False)
                if element is start:
                    after = True  # the end event of a skipped subtree still comes
                continue
            opened.append(True)
            if tag == "a":
                hrefs.append(element.get("href"))
            if add(element.text):
                break
            continue
        if opened.pop() and tag == "a":
            hrefs.pop()
        if element is not root and add(element.tail):
            break
    return out
