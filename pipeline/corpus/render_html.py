"""Spec -> saved web page, in five layouts with the site's kind of boilerplate.

Why several layouts: the HTML parser must find the article from generic structure, never
from one site's class names. So the same content is wrapped three ways, each with its own
class names: ``semantic`` (``<header>``/``<nav>``, ``<main>`` holding an ``<article>``, an
``<aside>`` with job cards, ``<footer>``), ``main`` (``<main>`` without ``<article>``, the
job aside inside ``<main>`` after the text) and ``divsoup`` (no sectioning tags at all, the
``<h1>`` in a page-header ``<div>`` outside the content ``<div>``, so only text density
finds the body), and ``atoms`` (:mod:`pipeline.corpus.render_atoms`: every header line and
every card field an element of its own), and ``tabs`` (the ``main`` page with each section's
per-role parts as WAI-ARIA tabs, only the first panel shown: :mod:`pipeline.corpus.html_body`).
Every layout prints the :func:`~pipeline.corpus.render_text.outline` nodes in the same reading
order as the text dump.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Literal

from pipeline.corpus.chrome import Chrome
from pipeline.corpus.html_body import body_html
from pipeline.corpus.render_atoms import atoms_page
from pipeline.corpus.render_text import (
    FEATURED,
    READ_SEPARATOR,
    RELATED,
    SALARY_HEADING,
    TOC_LABEL,
    Node,
    ap_date,
    outline,
)
from pipeline.corpus.specs import ArticleSpec, JobCard

Layout = Literal["semantic", "main", "divsoup", "atoms", "tabs"]
LAYOUTS: tuple[Layout, ...] = ("semantic", "main", "divsoup", "atoms", "tabs")

# Class names per layout: a parser that keys on any of them breaks on the other layouts.
_CLASSES: dict[Layout, dict[str, str]] = {
    "semantic": {"body": "page-insight", "card": "job-card", "flag": "job-card__flag",
                 "card_title": "job-card__title", "company": "job-card__company",
                 "badges": "job-card__badges", "salary": "salary-box", "toc": "toc",
                 "content": "post-body", "meta": "post-meta", "subtitle": "post-subtitle"},
    "main": {"body": "layout-default", "card": "featured-position", "flag": "fp-label",
             "card_title": "fp-heading", "company": "fp-employer", "badges": "fp-tags",
             "salary": "insights-salaries", "toc": "contents-box", "content": "entry-content",
             "meta": "entry-info", "subtitle": "entry-lead"},
    "divsoup": {"body": "x-body", "card": "c7 jb", "flag": "c7-tag", "card_title": "c7-t",
                "company": "c7-co", "badges": "c7-b", "salary": "sx-panel", "toc": "tx-box",
                "content": "d-txt", "meta": "d-inf", "subtitle": "d-sub"},
    "atoms": {"body": "bg-light"},
    "tabs": {"body": "theme-cards", "card": "card job", "flag": "card-eyebrow", "card_title": "card-title",
             "company": "card-subtitle", "badges": "card-text", "salary": "list-group salaries",
             "toc": "on-this-page", "content": "container-md prose", "meta": "text-muted small",
             "subtitle": "lead"},
}
_NAV = (("/", "Jobs"), ("/salaries/", "Salaries"), ("/insights/", "Insights"), ("/companies/", "Companies"),
        ("/post-a-job/", "Post a job"))
_FOOTER = (("/about/", "About"), ("/privacy/", "Privacy"), ("/terms/", "Terms"), ("/rss/", "RSS feed"))
_COOKIE = ("We use cookies to count visits and remember your settings. You can change this at any "
           "time in the privacy settings.")
_STYLE = ".toc ul{list-style:none}.job-card{border:1px solid #ddd;padding:8px}.hidden{display:none}"
_SCRIPT = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
           "gtag('js',new Date());document.querySelectorAll('a[href^=\"#\"]').forEach(function(a){"
           "a.addEventListener('click',function(){document.body.classList.add('scrolled');});});")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _e(text: str) -> str:
    return escape(text, quote=False)


def _head(spec: ArticleSpec, charset: str, chrome: Chrome | None = None) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "Article", "headline": spec.title,
                     "datePublished": spec.published.isoformat(), "url": spec.url}, ensure_ascii=True)
    return "\n".join([
        "<head>",
        f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(spec.title)} | {spec.host}</title>",
        f'<meta name="description" content="{escape(spec.subtitle)}">',
        f'<link rel="canonical" href="{spec.url}">',
        f'<meta property="og:url" content="{spec.url}">',
        '<link rel="stylesheet" href="/static/css/site.min.css">',
        f"<style>{_STYLE}</style>",
        f'<script type="application/ld+json">{ld}</script>',
        *([chrome.head] if chrome else []),
        "</head>",
    ])


def _meta(spec: ArticleSpec, cls: str, tag: str = "p") -> str:
    return (f'<{tag} class="{cls}"><span>{spec.read_minutes} min read</span> {READ_SEPARATOR} '
            f'<time datetime="{spec.published.isoformat()}">{ap_date(spec.published)}</time></{tag}>')


def _toc(spec: ArticleSpec, nodes: list[Node], tag: str, cls: str) -> str:
    links = "".join(f'<li><a href="#{slugify(n.text)}">{_e(n.text)}</a></li>'
                    for n in nodes if n.kind == "heading")
    return (f'<{tag} class="{cls}"><p class="{cls}-article">{_e(spec.title)}</p>'
            f'<p class="{cls}-label">{TOC_LABEL}</p><ul>{links}</ul></{tag}>')


def card_html(card: JobCard, cls: dict[str, str]) -> str:
    """One "Featured Job" card; badges are spans separated by whitespace."""
    badges = " ".join(f"<span>{_e(b)}</span>"
                      for b in [*card.employment, card.seniority, *([card.salary] if card.salary else [])])
    return (f'<div class="{cls["card"]}"><span class="{cls["flag"]}">{FEATURED}</span>'
            f'<h3 class="{cls["card_title"]}"><a href="/job/{card.job_id}-{slugify(card.title)}">'
            f"{_e(card.title)}</a></h3>"
            f'<p class="{cls["company"]}">@ <a href="/company/{slugify(card.company)}/">'
            f"{_e(card.company)}</a> | {_e(card.location)}</p>"
            f'<div class="{cls["badges"]}">{badges}</div></div>')


def _salary_box(spec: ArticleSpec, cls: dict[str, str], heading: str) -> str:
    if not spec.salary_roles:
        return ""
    items = "".join(
        f'<li><a href="/salaries/{slugify(role)}-salary/">View salary info for {_e(role)} (global)</a> '
        f'<a href="/salaries/{slugify(role)}-salary/#details">Details</a></li>'
        for role in spec.salary_roles)
    return f'<div class="{cls["salary"]}">{heading.format(SALARY_HEADING)}<ul>{items}</ul></div>'


def _split(spec: ArticleSpec) -> list[Node]:
    """The body nodes: after the header lines, before the job cards."""
    return [n for n in outline(spec)
            if n.kind not in ("title", "subtitle", "meta", "title_repeat", "toc_label", "card",
                              "salary_heading", "salary_link", "related")]


def _cookie(cls: str, chrome: Chrome | None = None) -> str:
    if chrome:
        return chrome.consent(cls)
    return f'<div class="{cls}" role="dialog">{_COOKIE} <button type="button">Accept</button></div>'


def _semantic(spec: ArticleSpec, body: list[Node], cls: dict[str, str], chrome: Chrome | None) -> list[str]:
    nav = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in _NAV)
    foot = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in _FOOTER)
    cards = "\n".join(card_html(c, cls) for c in spec.jobs)
    navigation = chrome.nav(sectioning=True) if chrome else f'<nav class="site-nav"><ul>{nav}</ul></nav>'
    footer = chrome.footer(True, spec.host, spec.published.year) if chrome else (
        f"<ul>{foot}</ul><p>&copy; {spec.published.year} {spec.host}</p>")
    return [
        _cookie("cookie-banner", chrome),
        f'<header class="site-header"><a class="logo" href="/">{_logo(chrome)}{spec.host}</a>'
        f"{navigation}</header>",
        '<main class="page">',
        '<article class="post">',
        f'<h1 class="post-title">{_e(spec.title)}</h1>',
        f'<p class="{cls["subtitle"]}">{_e(spec.subtitle)}</p>',
        _meta(spec, cls["meta"]),
        _toc(spec, body, "nav", cls["toc"]),
        f'<div class="{cls["content"]}">', *body_html(body, slugify, "<strong>{label}:</strong>"), "</div>",
        "</article>",
        f'<aside class="sidebar"><section class="featured-jobs">\n{cards}\n</section>',
        _salary_box(spec, cls, "<h3>{}</h3>"),
        "</aside>",
        f'<section class="related"><h2>{RELATED}</h2>'
        f'<div class="related-list" data-src="/api/related/{spec.slug}">{_related(chrome, "ul")}</div>'
        "</section>",
        "</main>",
        f'<footer class="site-footer">{footer}</footer>',
    ]


def _main_only(spec: ArticleSpec, body: list[Node], cls: dict[str, str], chrome: Chrome | None,
               *, tabs: bool = False) -> list[str]:
    nav = " ".join(f'<a href="{href}">{label}</a>' for href, label in _NAV)
    cards = "\n".join(card_html(c, cls) for c in spec.jobs)
    navigation = chrome.nav(sectioning=True) if chrome else f"<nav>{nav}</nav>"
    footer = chrome.footer(True, spec.host, spec.published.year) if chrome else (
        f'<p>{spec.host} &middot; <a href="/privacy/">Privacy</a> &middot; <a href="/terms/">Terms</a></p>')
    return [
        f'<header id="top"><div class="brand"><a href="/">{_logo(chrome)}{spec.host}</a></div>'
        f"{navigation}</header>",
        '<main id="content" class="wrap">',
        f'<h1 class="entry-title">{_e(spec.title)}</h1>',
        f'<p class="{cls["subtitle"]}">{_e(spec.subtitle)}</p>',
        _meta(spec, cls["meta"]),
        _toc(spec, body, "div", cls["toc"]),
        f'<div class="{cls["content"]}">', *body_html(body, slugify, "<strong>{label}:</strong>", tabs=tabs),
        "</div>",
        f'<aside class="jobs-aside">\n{cards}\n{_salary_box(spec, cls, "<h2>{}</h2>")}\n</aside>',
        f'<div class="more"><h2>{RELATED}</h2><ul class="more-list">{_related(chrome)}</ul></div>',
        "</main>",
        _cookie("consent", chrome),
        f"<footer>{footer}</footer>",
    ]


def _divsoup(spec: ArticleSpec, body: list[Node], cls: dict[str, str], chrome: Chrome | None) -> list[str]:
    links = "".join(f'<div class="tb-i"><a href="{href}">{label}</a></div>' for href, label in _NAV)
    cards = "\n".join(card_html(c, cls) for c in spec.jobs)
    if chrome:
        links = chrome.nav(sectioning=False)
    footer = f'<div class="ft">{chrome.footer(False, spec.host, spec.published.year)}</div>' if chrome else ""
    return [
        '<div class="wrapper">',
        f'<div class="topbar"><div class="tb-logo"><a href="/">{_logo(chrome)}{spec.host}</a></div>'
        f"{links}</div>",
        f'<div class="page-hero"><h1 class="ph-t">{_e(spec.title)}</h1>'
        f'<div class="{cls["subtitle"]}">{_e(spec.subtitle)}</div>{_meta(spec, cls["meta"], "div")}</div>',
        '<div class="row">',
        f'<div class="col-8"><div class="{cls["content"]}">',
        _toc(spec, body, "div", cls["toc"]),
        *body_html(body, slugify, "<strong>{label}:</strong>"),
        "</div></div>",
        f'<div class="col-4">\n{cards}\n{_salary_box(spec, cls, "<div class=sx-h><b>{}</b></div>")}\n</div>',
        "</div>",
        f'<div class="rel"><div class="rel-h">{RELATED}</div>'
        f'<div class="rel-l">{_related(chrome, "div")}</div></div>',
        f'<div class="bottom"><div>&copy; {spec.published.year} {spec.host}</div>'
        f'<div><a href="/privacy/">Privacy</a></div>{footer}</div>',
        _cookie("cc-window", chrome),
        "</div>",
    ]


def _logo(chrome: Chrome | None) -> str:
    return chrome.logo if chrome else ""


def _related(chrome: Chrome | None, tag: str = "") -> str:
    """The related-articles entries (empty without chrome: the list is filled by a script)."""
    if not chrome:
        return ""
    if tag == "div":
        return "".join(f'<div class="rel-i"><a href="{h}">{_e(t)}</a></div>' for h, t in chrome.related)
    items = chrome.related_items()
    return f'<ul class="related__list">{items}</ul>' if tag == "ul" else items


def render_html(spec: ArticleSpec, layout: Layout = "semantic", *, charset: str = "utf-8",
                chrome: Chrome | None = None) -> str:
    """The saved page of ``spec`` in ``layout``; ``charset`` only changes the meta tag
    (encode with :func:`page_bytes` to match it). ``chrome`` (see
    :func:`~pipeline.corpus.chrome.site_chrome`) adds a real site's boilerplate; without it
    the page has only a token header, navigation and footer."""
    cls = _CLASSES[layout]
    body = _split(spec)
    if layout == "atoms":
        content = atoms_page(spec, body, chrome)
    else:
        build = {"semantic": _semantic, "main": _main_only, "divsoup": _divsoup}.get(layout)
        content = build(spec, body, cls, chrome) if build else _main_only(spec, body, cls, chrome, tabs=True)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        _head(spec, charset, chrome),
        f'<body class="{cls["body"]}">',
        *content,
        '<script src="/static/js/app.min.js" defer></script>',
        f"<script>{_SCRIPT}</script>",
        *([chrome.body_end()] if chrome else []),
        "</body>",
        "</html>",
        "",
    ])


def page_bytes(spec: ArticleSpec, layout: Layout = "semantic", *, charset: str = "utf-8",
               chrome: Chrome | None = None) -> bytes:
    """The page encoded as its meta tag says; ``windows-1252`` writes the emoji as ``&#128064;``."""
    text = render_html(spec, layout, charset=charset, chrome=chrome)
    if charset.lower() in ("windows-1252", "cp1252"):
        return text.encode("cp1252", "xmlcharrefreplace")
    return text.encode(charset)
