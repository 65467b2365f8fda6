"""Site chrome: the boilerplate a real saved page wraps around its article (~50 KB of it).

Why: the bundled samples are small pages with a token header and footer, which is enough
to test the parser's reading but not its cost or its region choice. Real pages carry a
head full of meta tags, JSON-LD and inline CSS and JavaScript, a mega navigation with
dozens of links, an inline SVG logo, a cookie consent dialog, lists of related articles
and a footer with link columns. :func:`site_chrome` draws all of that from the page's
``rng``; :func:`~pipeline.corpus.render_html.render_html` places it in each layout in that
layout's own style (sectioning tags for ``semantic`` and ``main``, plain ``<div>``s for
``divsoup``). None of it may reach the records: a test parses pages with and without it.

Pages without chrome (``chrome=None``, the default) are byte-identical to what the bundled
samples were generated with, so ``raw/samples`` and the golden files do not move.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from html import escape

from pipeline.corpus.chrome_assets import (
    SOCIAL,
    analytics_snippet,
    app_state,
    body_bundle,
    social_icon,
    style_sheet,
    svg_logo,
)
from pipeline.corpus.specs import ArticleSpec

Link = tuple[str, str]
"""(href, label)."""

_ROLE_LINKS = ("Machine Learning Engineer", "Data Scientist", "Data Engineer", "Data Analyst",
               "MLOps Engineer", "AI Engineer", "Research Scientist", "Analytics Engineer", "NLP Engineer",
               "Computer Vision Engineer", "AI Product Manager", "BI Developer", "Applied Scientist",
               "Data Architect", "Deep Learning Engineer", "Head of Data")
_PLACE_LINKS = ("Remote", "Europe", "United States", "United Kingdom", "Germany", "Canada", "India", "France",
                "Netherlands", "Switzerland", "Spain", "Singapore", "Australia", "Poland")
_LEVEL_LINKS = ("Entry level", "Mid level", "Senior", "Executive")
_TYPE_LINKS = ("Full time", "Part time", "Contract", "Internship", "Freelance")
_GUIDE_LINKS = ("Career guides", "Role comparisons", "Interview preparation", "Salary reports", "Skills maps",
                "Tool reviews", "Newsletter archive")
_COMPANY_LINKS = (("/about/", "About us"), ("/post-a-job/", "Post a job"), ("/pricing/", "Pricing"),
                  ("/contact/", "Contact"), ("/press/", "Press kit"), ("/careers/", "Work with us"))
_POPULAR = (
    "How to Build a Data Portfolio That Gets Interviews",
    "What Hiring Managers Look for in a Take-Home Task",
    "Ten SQL Patterns Every Analyst Reuses",
    "Negotiating Your First Machine Learning Offer",
    "Reading a Job Ad: Must-Haves Versus Nice-to-Haves",
    "From Notebook to Production in Five Steps",
    "The Quiet Skills That Get Data People Promoted",
    "Remote Work in Data Teams: What Changed",
    "A Gentle Path from Spreadsheets to Python",
)
_FOOTER_COLUMNS: tuple[tuple[str, tuple[Link, ...]], ...] = (
    ("Job seekers", (("/hiring/jobs/", "Browse all jobs"), ("/alerts/", "Job alerts"),
                     ("/salaries/", "Salary data"), ("/insights/", "Career insights"),
                     ("/companies/", "Company profiles"),
                     ("/hiring/jobs/remote/", "Remote jobs"))),
    ("Employers", (("/post-a-job/", "Post a job"), ("/pricing/", "Pricing"),
                   ("/employers/branding/", "Employer branding"), ("/employers/api/", "Jobs API"),
                   ("/employers/faq/", "Employer FAQ"))),
    ("Resources", (("/insights/guides/", "Guides"), ("/insights/comparisons/", "Role comparisons"),
                   ("/newsletter/", "Weekly newsletter"), ("/rss/", "RSS feeds"), ("/glossary/", "Glossary"),
                   ("/sitemap.xml", "Sitemap"))),
    ("Company", (("/about/", "About"), ("/contact/", "Contact"), ("/privacy/", "Privacy policy"),
                 ("/terms/", "Terms of service"), ("/imprint/", "Imprint"))),
)
_CONSENT_TEXT = (
    "We and a small number of partners store and read information on your device to keep the site "
    "working, to count visits and to learn which pages are useful. Strictly necessary storage is always "
    "on. Statistics and personalised content are only used if you allow them, and you can change your "
    "mind at any time from the link at the bottom of every page."
)
_CONSENT_CHOICES = (
    ("Strictly necessary", "Sign-in, security and your saved settings. Cannot be switched off."),
    ("Statistics", "Anonymous counts of visits and clicks that help us improve pages."),
    ("Personalised content", "Job suggestions based on the pages you read on this site."),
)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _e(text: str) -> str:
    return escape(text, quote=False)


def nav_groups() -> tuple[tuple[str, tuple[Link, ...]], ...]:
    """The mega navigation: 60 links in seven groups, the same on every page of the site."""
    return (
        ("Jobs by role", tuple((f"/hiring/jobs/{_slug(r)}/", f"{r} jobs") for r in _ROLE_LINKS)),
        ("Jobs by place", tuple((f"/hiring/jobs/in/{_slug(p)}/", p) for p in _PLACE_LINKS)),
        ("Jobs by level", tuple((f"/hiring/jobs/{_slug(level)}/", level) for level in _LEVEL_LINKS)),
        ("Jobs by type", tuple((f"/hiring/jobs/{_slug(t)}/", t) for t in _TYPE_LINKS)),
        ("Salaries", tuple((f"/salaries/{_slug(r)}-salary/", f"{r} salary") for r in _ROLE_LINKS[:8])),
        ("Insights", tuple((f"/insights/{_slug(g)}/", g) for g in _GUIDE_LINKS)),
        ("Company", _COMPANY_LINKS),
    )


@dataclass(frozen=True, slots=True)
class Chrome:
    """One page's boilerplate, drawn once; the layouts ask for each piece in their own style."""

    head: str
    """Extra ``<head>`` content: meta tags, links, JSON-LD, the stylesheet, early scripts."""
    logo: str
    """Inline ``<svg>`` logo."""
    active: int
    """Index of the navigation group marked as the current section."""
    related: tuple[Link, ...]
    """Other comparison articles (``X vs. Y``), for the related-articles list."""
    popular: tuple[Link, ...]
    """Guides listed as popular, in the footer."""
    bundle: str
    """The end-of-body application script."""

    def nav(self, sectioning: bool) -> str:
        """The mega navigation: ``<nav>`` with lists, or (``divsoup``) ``<div>``s of links."""
        groups = []
        for index, (title, links) in enumerate(nav_groups()):
            cur = ' aria-current="true"' if index == self.active else ""
            if sectioning:
                items = "".join(f'<li><a class="mega-nav__link" href="{h}">{_e(t)}</a></li>'
                                for h, t in links)
                groups.append(f'<li class="mega-nav__group"{cur}><button type="button" '
                              f'class="mega-nav__title" aria-expanded="false">{_e(title)}</button>'
                              f'<ul class="mega-nav__list">{items}</ul></li>')
            else:
                items = "".join(f'<div class="mn-i"><a href="{h}">{_e(t)}</a></div>' for h, t in links)
                groups.append(f'<div class="mn-g"{cur}><div class="mn-t"><a href="#">{_e(title)}</a>'
                              f'</div><div class="mn-l">{items}</div></div>')
        if sectioning:
            return ('<nav class="mega-nav" aria-label="Main"><ul class="mega-nav__groups">'
                    f'{"".join(groups)}</ul><form class="search" role="search" action="/search/" '
                    'data-search><input type="search" name="q" placeholder="Search jobs">'
                    '<button type="submit">Search</button></form></nav>')
        return f'<div class="mn">{"".join(groups)}</div>'

    def consent(self, cls: str) -> str:
        """The cookie consent dialog (replaces the layout's one-line banner)."""
        choices = "".join(
            f'<li class="consent__choice"><label><input type="checkbox"'
            f'{" checked disabled" if i == 0 else ""}><strong>{_e(name)}</strong></label> '
            f"<span>{_e(text)}</span></li>" for i, (name, text) in enumerate(_CONSENT_CHOICES))
        return (f'<div class="{cls}" role="dialog" aria-modal="false" aria-label="Cookie settings" '
                'data-consent><p class="consent__title"><strong>Your privacy choices</strong></p>'
                f'<p class="consent__text">{_e(_CONSENT_TEXT)}</p>'
                f'<ul class="consent__choices">{choices}</ul><div class="consent__actions">'
                '<button type="button" data-choice="necessary">Only necessary</button>'
                '<button type="button" data-choice="all" class="btn btn--primary">Accept all</button>'
                "</div></div>")

    def related_items(self) -> str:
        """``<li>`` items for the related-articles list the page fills in."""
        return "".join(f'<li class="related__item"><a class="related__link" href="{h}">{_e(t)}</a></li>'
                       for h, t in self.related)

    def footer(self, sectioning: bool, host: str, year: int) -> str:
        """Link columns, popular guides, social icons, a newsletter form and the legal line."""
        tag = "nav" if sectioning else "div"
        cols = "".join(
            f'<{tag} class="site-footer__col"><p class="site-footer__title">{_e(title)}</p><ul>'
            + "".join(f'<li><a class="site-footer__link" href="{h}">{_e(t)}</a></li>' for h, t in links)
            + f"</ul></{tag}>" for title, links in _FOOTER_COLUMNS)
        popular = "".join(f'<li class="popular__item"><a href="{h}">{_e(t)}</a></li>'
                          for h, t in self.popular)
        social = "".join(f'<a class="social__link" href="/follow/{name}/" aria-label="{name}">'
                         f"{social_icon(name)}</a>" for name in SOCIAL)
        return (f'<div class="site-footer__cols">{cols}</div>'
                '<div class="popular"><p class="site-footer__title">Popular guides</p>'
                f"<ul>{popular}</ul></div>"
                f'<div class="social">{social}</div>'
                '<form class="newsletter" data-newsletter action="/newsletter/subscribe/" method="post">'
                '<label>Get the weekly digest <input type="email" name="email" required></label>'
                '<button type="submit" class="newsletter__submit">Subscribe</button></form>'
                f'<p class="site-footer__legal">&copy; {year} {host}. Salary figures are estimates from '
                "published job ads and may differ from actual offers. "
                '<a href="#" data-consent-open>Cookie settings</a></p>')

    def body_end(self) -> str:
        """The job-alert dialog, the progress bar and the application bundle."""
        return ('<dialog id="job-alert"><form method="dialog"><p>Get new jobs like these by email</p>'
                '<input type="email" name="email"><button value="ok">Create alert</button>'
                '<button value="cancel">Not now</button></form></dialog>'
                '<div class="progress-bar" aria-hidden="true"></div>'
                f"<script>{self.bundle}</script>")


def _related(spec: ArticleSpec, rng: random.Random) -> tuple[Link, ...]:
    names = [n for n in _ROLE_LINKS if n not in (spec.role_a.name, spec.role_b.name)]
    out: list[Link] = []
    for _ in range(rng.randint(6, 10)):
        a, b = rng.sample(names, 2)
        out.append((f"/insights/{_slug(a)}-vs-{_slug(b)}/", f"{a} vs. {b}"))
    return tuple(dict.fromkeys(out))


def _head(spec: ArticleSpec, rng: random.Random, related: tuple[Link, ...]) -> str:
    base = f"https://{spec.host}"
    image = f"{base}/static/og/{spec.slug}.png"
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": i + 1, "name": name, "item": f"{base}{path}"}
        for i, (path, name) in enumerate((("/", "Home"), ("/insights/", "Insights"),
                                          (f"/insights/{spec.slug}", spec.title)))]}
    org = {"@context": "https://schema.org", "@type": "Organization", "name": spec.host, "url": base,
           "logo": f"{base}/static/img/logo.png",
           "sameAs": [f"https://social.example/{s}" for s in SOCIAL]}
    site = {"@context": "https://schema.org", "@type": "WebSite", "url": base, "potentialAction": {
        "@type": "SearchAction", "target": f"{base}/search/?q={{query}}",
        "query-input": "required name=query"}}
    lds = "".join(f'<script type="application/ld+json">{json.dumps(d, ensure_ascii=True)}</script>'
                  for d in (crumbs, org, site))
    meta = [
        ("name", "robots", "index,follow,max-image-preview:large"),
        ("name", "theme-color", "#0f172a"),
        ("name", "author", f"{spec.host} editorial team"), ("property", "og:type", "article"),
        ("property", "og:title", spec.title), ("property", "og:description", spec.subtitle),
        ("property", "og:image", image), ("property", "og:site_name", spec.host),
        ("property", "article:published_time", spec.published.isoformat()),
        ("property", "article:section", "Career comparisons"),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", spec.title), ("name", "twitter:image", image),
    ]
    tags = "".join(f'<meta {kind}="{key}" content="{escape(value)}">' for kind, key, value in meta)
    links = ('<link rel="preconnect" href="https://cdn.example.net" crossorigin>'
             '<link rel="dns-prefetch" href="https://metrics.example.net">'
             '<link rel="preload" href="/static/fonts/inter-var.woff2" as="font" type="font/woff2" '
             'crossorigin><link rel="icon" href="/favicon.ico" sizes="any">'
             '<link rel="icon" href="/icon.svg" type="image/svg+xml">'
             '<link rel="apple-touch-icon" href="/apple-touch-icon.png">'
             '<link rel="manifest" href="/site.webmanifest">'
             f'<link rel="alternate" type="application/rss+xml" title="{spec.host} insights" '
             f'href="{base}/rss/">')
    return "\n".join([
        tags, links, lds,
        f"<style>{style_sheet(rng)}</style>",
        f"<script>{analytics_snippet(rng)}</script>",
        f"<script>{app_state(rng, spec.slug, [h for h, _ in related])}</script>",
    ])


def site_chrome(spec: ArticleSpec, rng: random.Random) -> Chrome:
    """The boilerplate of ``spec``'s page, every choice drawn from ``rng``."""
    related = _related(spec, rng)
    popular = tuple((f"/insights/guides/{_slug(t)}/", t) for t in rng.sample(_POPULAR, rng.randint(4, 6)))
    return Chrome(head=_head(spec, rng, related), logo=svg_logo(rng, spec.host),
                  active=rng.randrange(len(nav_groups())), related=related, popular=popular,
                  bundle=body_bundle(rng))
