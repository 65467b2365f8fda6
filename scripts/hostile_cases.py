"""The hostile documents of ``scripts/hostile_inputs.py``: what an attacker or a broken capture
tool could leave in an input folder, in every format the pipeline reads, at any size.

Why a module of its own: the measuring script and its test both build these cases. The text is
written for this project (a small article of our own with slots for a payload); payloads are
runs of the characters and short phrases the grammars repeat on.
"""

from __future__ import annotations

import gzip
import plistlib
from collections.abc import Callable, Iterator

# --- a small article of our own, with slots for a hostile payload ----------------------------

ARTICLE = """\
{title}
Solar Analyst vs Wind Modeller: A Comprehensive Comparison
{intro}
Definitions
Solar Analyst: A Solar Analyst studies panel yields and writes reports about them.
Wind Modeller: A Wind Modeller builds models of turbines and of the air around them.
Responsibilities
Solar Analyst
- {item}
- Compare the yield of sites with their forecasts.
Wind Modeller
- Calibrate turbine models against measured output.
Required Skills
Solar Analyst
- Statistics and a scripting language.
Outlooks
{outlook}
Practical Tips for Getting Started
- Learn the physics: models are only as good as their assumptions.
Featured Job 👀
{card}
{company}
{badges}
Featured Job 👀
Senior Solar Analyst
@ Helio Works | Lisbon, Portugal
Full Time Senior-level / Expert EUR 60K - 80K
Salary Insights
{insight}
Related articles
"""

DEFAULTS = {
    "title": "Solar Analyst vs. Wind Modeller",
    "intro": "Two jobs keep appearing in energy teams, and this page sets them side by side.",
    "item": "Forecast panel output for the coming season.",
    "outlook": "Employment is projected to grow 12 percent from 2022 to 2032.",
    "card": "Wind Modeller",
    "company": "@ Gale Systems | Hamburg, Germany",
    "badges": "Full Time Mid-level / Intermediate EUR 70K - 90K",
    "insight": "View salary info for Solar Analyst (global) Details",
}

# Where a payload goes: slot -> (slot name, text before the payload, text after it).
SLOTS: dict[str, tuple[str, str, str]] = {
    "title": ("title", "", " vs. Wind Modeller"),
    "title-tail": ("title", "Solar Analyst vs. ", ""),
    "intro": ("intro", "", ""),
    "item": ("item", "", ""),
    "outlook": ("outlook", "Employment is projected to grow ", " percent"),
    "card": ("card", "", ""),
    "company": ("company", "@ ", " | Berlin"),
    "place": ("company", "@ Gale Systems | ", ""),
    "badges": ("badges", "Full Time ", ""),
    "salary": ("badges", "USD ", ""),
    "insight": ("insight", "View salary info for ", " (global)"),
}

# Runs of what a grammar repeats on, without what would end a match.
UNITS: dict[str, str] = {
    "digits": "1", "spaces": " ", "dashes": "-", "commas": ",", "dots": ".", "letters": "a",
    "caps": "A", "parens": "(", "tabs": "\t", "nbsp": "\u00a0", "digit-dash": "1-",
    "digit-comma": "1,", "digit-dot": "1.", "digit-space": "1 ", "comma-space": "a, ",
    "vs": "vs. ", "words": "Ab ", "usd": "USD ", "k-range": "10K - ", "dollar": "$1-",
    "at-pipe": "@ |", "slashes": "/ ", "senior": "Senior ", "full-time": "Full Time ",
    "percent": "12 percent ", "year": "2024 ", "mojibake": "Ã©Â·", "bullets": "• ",
    "colon": "a: ", "k": "1K", "remote": "Remote (", "ampersand": "& ",
    "growth": "grow 1% ", "growth-span": "jobs grow 5% from 2022 to 2032 ", "according": "According to the ",
    "acronym": "(BLS) ", "by-year": "by 2032 ", "projects": "The Bureau projects ", "while": ", while ",
}

# Bytes a broken capture tool writes: legacy code pages, cut UTF-8, stray control bytes.
BYTE_UNITS: dict[str, bytes] = {
    "latin1-letters": "é".encode("latin-1"), "high-bytes": bytes(range(0x80, 0x100)),
    "cut-utf8": b"\xc3", "cp1252-words": "Ça coûte cher à Zürich ".encode("cp1252"),
    "double-mojibake": "Ã©".encode() * 2, "cp1253-mojibake": "Î²Â·Îµ".encode(),
    "cp874-mojibake": "à¸à¸²à¸".encode(), "controls": b"\x01\x02a", "utf16-no-bom": "ab".encode("utf-16-le"),
    "replacement": "\ufffd".encode(), "emoji": "👀".encode(), "cjk": "中文字".encode(),
}


def article_text(slot: str, payload: str) -> str:
    """The article with ``payload`` in ``slot`` (the other slots keep their defaults)."""
    name, before, after = SLOTS[slot]
    return ARTICLE.format_map({**DEFAULTS, name: before + payload + after})


def fill(unit: str, size: int, fixed: int = 0) -> str:
    """``unit`` repeated to about ``size`` bytes less ``fixed``."""
    count = max(1, (size - fixed) // max(1, len(unit.encode())))
    return unit * count


def as_html(text: str, title: str | None = None) -> str:
    """A text dump as a saved page: the first line an ``h1``, short lines ``h2``, ``- `` items
    ``li``, the rest paragraphs."""
    lines = text.splitlines()
    body = [f"<h1>{_esc(lines[0])}</h1>"]
    for line in lines[1:]:
        if line.startswith("- "):
            body.append(f"<ul><li>{_esc(line[2:])}</li></ul>")
        elif len(line) < 40 and not line.startswith("@"):
            body.append(f"<h2>{_esc(line)}</h2>")
        else:
            body.append(f"<p>{_esc(line)}</p>")
    head = f"<title>{_esc(title if title is not None else lines[0])}</title>"
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body><main>" + (
        "\n".join(body) + "</main></body></html>")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


# --- the cases --------------------------------------------------------------------------------

Case = Callable[[int], tuple[str, bytes]]
"""size -> (file name, bytes)."""


def text_cases() -> Iterator[tuple[str, Case]]:
    """Payloads in every slot of a text dump, and whole-document shapes."""
    base = len(ARTICLE) + 400
    for slot in SLOTS:
        for unit_name, unit in UNITS.items():
            yield (f"text/{slot}/{unit_name}",
                   lambda n, s=slot, u=unit: ("a.txt", article_text(s, fill(u, n, base)).encode()))
    for unit_name, unit in UNITS.items():
        yield f"text/one-line/{unit_name}", lambda n, u=unit: ("a.txt", fill(u, n).encode())
    for name, unit_bytes in BYTE_UNITS.items():
        yield (f"bytes/{name}", lambda n, u=unit_bytes: (
            "a.txt", article_text("intro", "@@").encode().replace(b"@@", u * max(1, (n - base) // len(u)))))
    shapes = {
        "many-items": "- Check the forecast.\n",
        "many-headings": "Responsibilities\n",
        "many-cards": ("Featured Job 👀\nWind Modeller\n@ Gale Systems | Hamburg, Germany\n"
                       "Full Time EUR 70K\n"),
        "many-markers": "Featured Job 👀\n",
        "many-company-lines": "@ Gale Systems | Hamburg\n",
        "many-badge-lines": "Full Time Senior-level / Expert USD 90K - 120K\n",
        "many-places": "Hamburg, Germany\n",
        "many-titles": "Solar Analyst vs. Wind Modeller\n",
        "many-vs-lines": "vs.\n",
        "many-short-lines": "a\n",
        "many-blank-lines": "\n",
        "many-roles": "Solar Analyst\n",
        "many-outlook": "Employment is projected to grow 12 percent from 2022 to 2032.\n",
        "many-insights": "View salary info for Solar Analyst (global) Details\n",
        "many-definitions": "Solar Analyst: A Solar Analyst studies panel yields.\n",
    }
    for name, line in shapes.items():
        yield (f"text/{name}",
               lambda n, ln=line: ("a.txt", article_text("intro", "x").replace(
                   "Outlooks\n", "Outlooks\n" + fill(ln, n, base)).encode()))
        yield (f"text/{name}-in-zone",
               lambda n, ln=line: ("a.txt", article_text("intro", "x").replace(
                   "Salary Insights\n", fill(ln, n, base) + "Salary Insights\n").encode()))


def html_cases() -> Iterator[tuple[str, Case]]:
    """Payloads in a saved page's slots, and markup shapes a broken tool writes."""
    base = len(ARTICLE) + 800
    for slot in ("title", "intro", "item", "outlook", "card", "company", "badges", "salary"):
        for unit_name in ("digits", "spaces", "dashes", "commas", "letters", "parens", "digit-dash",
                          "comma-space", "vs", "words", "dollar", "mojibake", "k-range"):
            yield (f"html/{slot}/{unit_name}", lambda n, s=slot, u=UNITS[unit_name]: (
                "a.html", as_html(article_text(s, fill(u, n, base))).encode()))
    page = as_html(article_text("intro", "x"))
    head, tail = page.split("<main>", 1)

    def inject(markup: str, n: int, where: str = "body") -> bytes:
        if where == "head":
            return (page.replace("<head>", "<head>" + fill(markup, n, len(page)))).encode()
        return (head + "<main>" + fill(markup, n, len(page)) + tail).encode()

    markups = {
        "many-li": "<ul><li>Check the forecast.</li></ul>",
        "flat-li": "<li>Check",
        "nested-tables": "<table><tr><td>" * 150 + "x" + "</td></tr></table>" * 150,
        "many-divs": "<div>a</div>",
        "unclosed-divs": "<div>",
        "many-spans": "<span>a</span>",
        "many-br": "a<br>",
        "many-attrs": "<p a=1 b=2 c=3 d=4 e=5>x</p>",
        "lt": "<",
        "lt-a": "<a ",
        "amp": "&",
        "entity": "&#1",
        "named-entity": "&amp;",
        "comment-open": "<!--",
        "many-comments": "<!-- c -->",
        "vs-nodes": "<b>v</b><i>s</i>.",
        "many-h2": "<h2>Responsibilities</h2>",
        "many-cards": ("<div><h3>Wind Modeller</h3><p>@ Gale Systems | Hamburg</p>"
                       "<p>Full Time EUR 70K</p></div>"),
        "many-links": "<a href='/job/1'>Data Engineer</a>",
        "many-tables": "<table><tr><td>a</td><td>b</td></tr></table>",
    }
    for name, markup in markups.items():
        yield f"html/{name}", lambda n, m=markup: ("a.html", inject(m, n))
    yield "html/huge-title", lambda n: (
        "a.html", as_html(article_text("intro", "x"), fill("a", n, len(page))).encode())
    yield "html/huge-attribute", lambda n: ("a.html", inject("<p title='" + "a" * n + "'>x</p>", 1))
    yield "html/huge-script", lambda n: ("a.html", inject("<script>" + "a<" * (n // 2) + "</script>", 1))
    yield "html/unclosed-script", lambda n: ("a.html", (head + "<main><script>" + "a" * n).encode())
    yield "html/huge-meta", lambda n: ("a.html", inject("<meta name='a' content='b'>", n, "head"))


LISTING_CARD = ("<li><a href='/job/wind-modeller-{i}/'>{title}</a><span>@ Gale Systems</span>"
                "<span>{place}</span><span>{badges}</span></li>\n")


def listing_page(cards: int, **hostile: str) -> str:
    """A job board's listing page of ``cards`` cards; the first card's fields may be hostile."""
    fields = {"title": "Wind Modeller", "place": "Hamburg, Germany", "badges": "Full Time EUR 70K - 90K"}
    items = [LISTING_CARD.format(i=i + 1000, **{**fields, **(hostile if i == 0 else {})})
             for i in range(cards)]
    return ("<!DOCTYPE html><html><head><title>Jobs</title></head><body><h1>Open positions</h1><ul>"
            + "".join(items) + "</ul></body></html>")


def listing_cases() -> Iterator[tuple[str, Case]]:
    """Job-board listing pages: many cards, and one card with a hostile field."""
    yield "listing/many-cards", lambda n: ("a.html", listing_page(max(3, n // len(LISTING_CARD))).encode())
    for field in ("title", "place", "badges"):
        for unit_name in ("digits", "commas", "digit-dash", "comma-space", "at-pipe", "dollar", "words",
                          "digit-space", "parens", "k-range"):
            yield (f"listing/{field}/{unit_name}", lambda n, f=field, u=UNITS[unit_name]: (
                "a.html", listing_page(5, **{f: _esc(fill(u, n, 2000))}).encode()))


def container_cases() -> Iterator[tuple[str, Case]]:
    """gzip, MHTML, web archive and WARC wrappers, with payloads in their own headers."""
    article = article_text("intro", "x")
    page = as_html(article).encode()
    yield "gzip/text-items", lambda n: ("a.txt.gz", gzip.compress(
        article.replace("Outlooks\n", "Outlooks\n" + fill("- Check it.\n", n)).encode(), 1))
    yield "gzip/html-li", lambda n: ("a.html.gz", gzip.compress(
        page.replace(b"</h1>", b"</h1>" + fill("<li>a</li>", n).encode(), 1), 1))
    for name, header, parts, body in (
        ("mhtml/huge-header", "a", 1, b""),  # X-Note: aaaa...
        ("mhtml/folded-header", "b\r\n ", 1, b""),  # X-Note: b, folded over many lines
        ("mhtml/many-parts", "", 2, b""),
        ("mhtml/qp-soft-breaks", "", 1, b"=\r\n"),
    ):
        yield name, lambda n, h=header, p=parts, b=body: ("a.mhtml", _mhtml(page, n, h, p, b))
    yield "webarchive/huge-page", lambda n: ("a.webarchive", _webarchive(
        page.replace(b"</h1>", b"</h1>" + fill("<li>a</li>", n).encode(), 1), 0))
    yield "webarchive/many-subresources", lambda n: ("a.webarchive", _webarchive(page, n))
    yield "warc/huge-header", lambda n: ("a.warc", _warc(page, "X-Note: " + "a" * n, 1))
    yield "warc/many-headers", lambda n: ("a.warc", _warc(page, fill("X-N: a\r\n", n).rstrip(), 1))
    yield "warc/many-records", lambda n: ("a.warc", _warc(page, "X-N: a", max(1, n // 4096)))
    yield "warc/huge-body", lambda n: ("a.warc", _warc(
        page.replace(b"</h1>", b"</h1>" + fill("<li>a</li>", n).encode(), 1), "X-N: a", 1))


def _mhtml(page: bytes, n: int, header: str, parts: int, body: bytes) -> bytes:
    boundary = "----=_Part_0"
    out = ["From: <Saved by a browser>", "Snapshot-Content-Location: https://example.com/a",
           "MIME-Version: 1.0", f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"']
    if header:
        out.append("X-Note: " + (header * max(1, n // len(header))).rstrip())
    msg = "\r\n".join(out) + "\r\n\r\n"
    html = page if not body else page.replace(b"<main>", b"<main>" + body * max(1, n // len(body)))
    msg += f"--{boundary}\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: "
    msg += ("quoted-printable" if body else "binary") + "\r\nContent-Location: https://example.com/a\r\n\r\n"
    data = msg.encode() + html + b"\r\n"
    extra = max(0, parts - 1) * max(1, n // 64)
    data += b"".join(f"--{boundary}\r\nContent-Type: image/png\r\n\r\nx\r\n".encode() for _ in range(extra))
    return data + f"--{boundary}--\r\n".encode()


def _webarchive(page: bytes, n: int) -> bytes:
    main = {"WebResourceData": page, "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "UTF-8", "WebResourceURL": "https://example.com/a"}
    subs = [{"WebResourceData": b"x", "WebResourceMIMEType": "image/png",
             "WebResourceURL": f"https://example.com/{i}.png"} for i in range(n // 200)]
    return plistlib.dumps({"WebMainResource": main, "WebSubresources": subs}, fmt=plistlib.FMT_BINARY)


def _warc(page: bytes, header: str, records: int) -> bytes:
    out = bytearray()
    for i in range(records):
        http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{header}\r\n"
                f"Content-Length: {len(page)}\r\n\r\n").encode() + page
        rec = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/{i}\r\n"
               f"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{i:08d}>\r\n"
               f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
        out += rec.encode() + http + b"\r\n\r\n"
    return bytes(out)
