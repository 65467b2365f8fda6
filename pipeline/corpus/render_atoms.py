"""An article page where every header line and every card field is an element of its own.

Why: the three article layouts of :mod:`pipeline.corpus.render_html` print a card's
company line and its badges as one line each, as the text dump does, and the parser was
written from them. Pages made with a component framework do what the board's own live
pages do (see :mod:`pipeline.corpus.render_live_board`): the subtitle is a heading element
of its own, the read time and the date are separate inline elements, and a card prints its
``@``, its company link, its place, each badge and its salary in elements of their own
(badges as inline ``<span>``s with no space between them, the salary in a block). The
text is the same as the text dump's, in the same reading order.
"""

from __future__ import annotations

from html import escape

from pipeline.corpus.chrome import Chrome
from pipeline.corpus.html_body import body_html
from pipeline.corpus.render_text import (
    FEATURED,
    READ_SEPARATOR,
    RELATED,
    SALARY_HEADING,
    TOC_LABEL,
    Node,
    ap_date,
)
from pipeline.corpus.specs import ArticleSpec, JobCard

_TIP_LABEL = '<span class="tip-label">{label}:</span>'
"""How this layout marks a numbered tip's label."""


def _e(text: str) -> str:
    return escape(text, quote=False)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def atom_card(card: JobCard) -> str:
    """One card, one element per field; badges glued inline, the salary in a block."""
    badges = "".join(f'<span class="badge rounded-pill">{_e(b)}</span>'
                     for b in [*card.employment, card.seniority])
    salary = f'<div class="card-salary fw-bold">{_e(card.salary)}</div>' if card.salary else ""
    return ('<div class="card mb-3"><div class="card-body">'
            f'<div class="card-flag text-uppercase small">{FEATURED}</div>'
            f'<h4 class="card-title"><a href="/job/{card.job_id}-{_slug(card.title)}">'
            f'{_e(card.title)}</a></h4>'
            f'<div class="card-company"><span class="at">@</span>'
            f'<a href="/company/{_slug(card.company)}/">{_e(card.company)}</a></div>'
            f'<div class="card-place text-muted">{_e(card.location)}</div>'
            f'<div class="card-badges">{badges}</div>{salary}</div></div>')


def atoms_page(spec: ArticleSpec, body: list[Node], chrome: Chrome | None) -> list[str]:
    """The ``<body>`` content of the ``atoms`` layout."""
    toc = "".join(f'<li><a href="#{_slug(n.text)}">{_e(n.text)}</a></li>'
                  for n in body if n.kind == "heading")
    cards = "".join(atom_card(card) for card in spec.jobs)
    links = "".join(
        f'<li><a href="/salaries/{_slug(role)}-salary/">View salary info for {_e(role)} (global)</a></li>'
        for role in spec.salary_roles)
    salary = f'<section class="salaries"><h5>{SALARY_HEADING}</h5><ul>{links}</ul></section>' if links else ""
    navigation = chrome.nav(sectioning=True) if chrome else '<nav class="navbar"><a href="/">Jobs</a></nav>'
    footer = chrome.footer(True, spec.host, spec.published.year) if chrome else f"<p>{spec.host}</p>"
    return [
        f'<header class="navbar-wrap">{navigation}</header>',
        '<div class="container"><div class="row">',
        '<div class="col-lg-8">',
        f'<h1 class="display-5">{_e(spec.title)}</h1>',
        f'<h2 class="lead h5">{_e(spec.subtitle)}</h2>',
        f'<div class="meta text-muted"><span class="read">{spec.read_minutes} min read</span> '
        f'<span class="sep">{READ_SEPARATOR}</span> '
        f'<time datetime="{spec.published.isoformat()}">{ap_date(spec.published)}</time></div>',
        f'<div class="toc"><div class="toc-title">{_e(spec.title)}</div>'
        f'<div class="toc-label">{TOC_LABEL}</div><ul>{toc}</ul></div>',
        '<div class="article-body">', *body_html(body, _slug, _TIP_LABEL), "</div>",
        "</div>",
        f'<div class="col-lg-4">{cards}{salary}</div>',
        "</div>",
        f'<div class="related"><h3>{RELATED}</h3><ul>{chrome.related_items() if chrome else ""}</ul></div>',
        "</div>",
        f'<footer class="footer">{footer}</footer>',
        chrome.consent("modal-consent") if chrome else "",
    ]
