"""Pages of other sites: what a crawl or a saved-pages folder holds besides the articles.

Why: a run meets far more pages that are not career comparisons than pages that are (blog
posts, documentation, shop pages, news, forum threads, login walls), and rejecting them
must cost little. A benchmark of that cost needs such pages at their real size: most of
their bytes are inline CSS and JavaScript, navigation, consent banners and footers, and
their text is ordinary prose in which ``vs`` now and then appears far from the top (a
sports fixture, a paragraph comparing two tools), so that the cheap tests cannot always
answer and the structural walk runs. Every choice is drawn from the page's ``rng``; all the
text here is written for this project.
"""

from __future__ import annotations

import json
import random
from html import escape
from typing import Literal

from pipeline.corpus.chrome_assets import analytics_snippet, body_bundle, social_icon, style_sheet, svg_logo

OtherKind = Literal["blog", "docs", "shop", "news", "forum", "login"]
OTHER_KINDS: tuple[OtherKind, ...] = ("blog", "docs", "shop", "news", "forum", "login")

_HOSTS = ("northwind-notes.example", "quietharbor.example", "docs.pebblestack.example",
          "shop.lumenware.example", "dailyledger.example", "forum.tinkerers.example",
          "account.cloudmill.example", "fieldguide.example",
          "brightkettle.example", "news.valleypost.example")
_TOPICS = ("sourdough starters", "balcony gardening", "winter cycling", "home network setup", "trail running",
           "watercolour basics", "budget travel in autumn", "restoring old furniture", "learning the cello",
           "composting in small flats", "mechanical keyboards", "night photography", "fermenting vegetables",
           "choosing a rain jacket", "keeping backyard chickens", "repairing a bicycle wheel")
_SENTENCES = (
    "I started with very little equipment and a lot of curiosity, which turned out to be enough.",
    "The first attempt went wrong in almost every way, but it taught me where to look next.",
    "Most guides skip the boring part, so here it is in detail, with the mistakes included.",
    "After a few weeks the routine settled and the results became far more predictable.",
    "If you only remember one thing from this post, make it the part about patience.",
    "Several readers asked for the exact measurements, so they are listed further down.",
    "The weather made everything slower than planned, which is normal for this time of year.",
    "A friend suggested a simpler approach, and honestly it worked better than mine.",
    "There is no single right way to do this; what follows is what worked for me.",
    "Cost matters, so every item below has a cheaper alternative that does the job.",
    "It helps to keep notes, because memory is a poor judge of small improvements.",
    "The community around this hobby is generous with advice and spare parts alike.",
    "On the second weekend I rebuilt the whole thing from scratch and kept a log.",
    "Small changes add up: a little less water, a little more time, a warmer corner.",
    "Nothing here needs special skills, only a free afternoon and some care.",
    "I will update this page when the next season tells me whether it lasted.",
)
_DOC_SENTENCES = (
    "The client reads its settings from the environment first and from the configuration file second.",
    "Every call returns a response object; check its status before reading the body.",
    "Timeouts are given in seconds and apply to each attempt, not to the whole operation.",
    "The cache is safe to share between threads but not between processes.",
    "Deprecated options still work in this release and log a warning the first time they are used.",
    "Use the batch endpoint when you send more than a few hundred records at once.",
    "Paths are resolved relative to the project root unless they start with a slash.",
    "The command exits with status 2 when the arguments are invalid and 1 on any other failure.",
    "Retries back off exponentially, starting at half a second and capped at thirty seconds.",
    "Plugins are loaded in alphabetical order; a later plugin may override an earlier one.",
)
_NEWS_SENTENCES = (
    "The council approved the plan late on Tuesday after a debate that lasted most of the evening.",
    "Residents had raised concerns about traffic on the narrow streets near the school.",
    "The project is expected to take two years and will be paid for partly by a regional grant.",
    "A spokesperson said further details would be published on the city's website next week.",
    "Opposition members argued that the costs had been underestimated from the start.",
    "Local businesses welcomed the decision, saying it would bring more visitors to the old town.",
    "The weather service has issued a warning for strong winds along the coast tonight.",
    "Police asked drivers to avoid the ring road while repairs to the bridge continue.",
)
_FORUM_LINES = (
    "Has anyone else seen this after the last update? Mine stopped working overnight.",
    "Try resetting it to factory settings first, that fixed it for me last spring.",
    "Same problem here. Support told me a fix is coming but gave no date.",
    "I swapped the cable and it has been stable for three days now, fingers crossed.",
    "Could you post the exact model number? There are two versions with different boards.",
    "Marking this as solved, thanks everyone for the quick answers.",
    "Check the logs under the advanced menu, they usually say what went wrong.",
    "Welcome to the forum! Please read the pinned thread before posting a new topic.",
)
_PRODUCTS = ("Trailhead 40 Backpack", "Lumen Desk Lamp", "Harbor Ceramic Mug", "Summit Rain Shell",
             "Pocket Grinder", "Cedar Cutting Board", "Drift Wool Socks", "Orbit Wireless Speaker",
             "Kettle Pour-Over Set")
_FIXTURES = ("Riverside", "Harbor City", "Oak Valley", "North Bay", "Millbrook", "Stonebridge", "Lakeside",
             "Ashford")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _paragraphs(rng: random.Random, bank: tuple[str, ...], count: int, low: int = 3, high: int = 6) -> str:
    return "".join(f"<p>{_e(' '.join(rng.choice(bank) for _ in range(rng.randint(low, high))))}</p>\n"
                   for _ in range(count))


def _nav(rng: random.Random, host: str) -> str:
    """A site navigation of 30 to 70 links in groups, with a search form."""
    groups = []
    for g in range(rng.randint(5, 10)):
        links = "".join(f'<li><a href="/section-{g}/page-{i}/">{_e(rng.choice(_TOPICS).title())}</a></li>'
                        for i in range(rng.randint(6, 14)))
        groups.append(f'<li class="menu__group"><span>Section {g + 1}</span>'
                      f'<ul class="menu__sub">{links}</ul></li>')
    return (f'<header class="top"><a class="logo" href="/">{svg_logo(rng, host)}</a>'
            f'<nav class="menu" aria-label="Main"><ul>{"".join(groups)}</ul></nav>'
            '<form class="search" action="/search"><input type="search" name="q" placeholder="Search">'
            '<button type="submit">Search</button></form></header>\n')


def _footer(rng: random.Random, host: str) -> str:
    cols = "".join(
        f'<div class="foot__col"><h4>{title}</h4><ul>'
        + "".join(f'<li><a href="/{title.lower()}/{i}/">{_e(rng.choice(_TOPICS).capitalize())}</a></li>'
                  for i in range(rng.randint(4, 8)))
        + "</ul></div>" for title in ("Explore", "Help", "Company", "Legal"))
    icons = "".join(f'<a href="/social/{name}/" aria-label="{name}">{social_icon(name)}</a>'
                    for name in ("x", "github", "rss"))
    return (f'<footer class="foot">{cols}<div class="foot__social">{icons}</div>'
            f'<p class="foot__legal">© {rng.randint(2015, 2025)} {_e(host)}. All rights reserved.</p>'
            "</footer>\n")


def _consent(rng: random.Random) -> str:
    return ('<div class="cookie" role="dialog" aria-label="Cookies"><p>This site uses cookies to remember '
            "your choices and to measure traffic. You can accept all of them or only the ones it needs to "
            "work.</p>"
            '<button>Accept all</button><button>Only necessary</button>'
            f'<a href="/privacy/#c{rng.randint(1, 99)}">Details</a></div>\n')


def _blog(rng: random.Random, topic: str) -> tuple[str, str]:
    title = f"What I learned from a year of {topic}"
    comments = "".join(f'<li class="comment"><b>{_e(rng.choice(_FIXTURES))} reader</b>'
                       f"<p>{_e(rng.choice(_SENTENCES))}</p></li>" for _ in range(rng.randint(3, 12)))
    body = (f'<article class="post"><h1>{_e(title)}</h1><p class="meta">Posted on {rng.randint(1, 28)} March '
            f'{rng.randint(2016, 2025)} · {rng.randint(3, 14)} comments</p>'
            + _paragraphs(rng, _SENTENCES, rng.randint(6, 14))
            + f"<h2>The details</h2>{_paragraphs(rng, _SENTENCES, rng.randint(3, 8))}"
            + f'</article><section class="comments"><h3>Comments</h3><ol>{comments}</ol></section>')
    return title, body


def _docs(rng: random.Random, topic: str) -> tuple[str, str]:
    name = rng.choice(("pebble", "tidewire", "quillkit", "mossdb"))
    title = f"Configuration — {name} {rng.randint(1, 4)}.{rng.randint(0, 20)} documentation"
    toc = "".join(f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(rng.randint(6, 14)))
    sections = "".join(
        f'<section id="s{i}"><h2>Option group {i}</h2>'
        f"{_paragraphs(rng, _DOC_SENTENCES, rng.randint(1, 3), 2, 4)}"
        f'<pre><code>{name}.configure(timeout={rng.randint(1, 60)}, retries={rng.randint(0, 5)})</code></pre>'
        "<table><tr><th>Option</th><th>Default</th></tr>"
        f"<tr><td>timeout</td><td>{rng.randint(1, 60)}</td></tr>"
        f"<tr><td>retries</td><td>{rng.randint(0, 5)}</td></tr></table></section>"
        for i in range(rng.randint(4, 10)))
    body = (f'<div class="sidebar"><ul class="toc">{toc}</ul></div><div role="main" class="document">'
            f"<h1>Configuration</h1>{_paragraphs(rng, _DOC_SENTENCES, 2)}{sections}</div>")
    return title, body


def _shop(rng: random.Random, topic: str) -> tuple[str, str]:
    product = rng.choice(_PRODUCTS)
    title = f"{product} | Lumenware Shop"
    specs = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in (
        ("Weight", f"{rng.randint(120, 2400)} g"), ("Colour", rng.choice(("Slate", "Moss", "Sand"))),
        ("Material", rng.choice(("Recycled nylon", "Stoneware", "Merino wool", "Oak"))),
        ("Warranty", f"{rng.randint(1, 5)} years")))
    grid = "".join(f'<li class="tile"><a href="/p/{i}/"><img src="/img/{i}.jpg" alt="">'
                   f"<span>{_e(rng.choice(_PRODUCTS))}</span>"
                   f"<b>€{rng.randint(9, 240)}.{rng.randint(0, 99):02d}</b>"
                   f"</a></li>" for i in range(rng.randint(8, 24)))
    reviews = "".join(f'<div class="review"><span class="stars">{rng.randint(1, 5)}/5</span>'
                      f"<p>{_e(rng.choice(_SENTENCES))}</p></div>" for _ in range(rng.randint(2, 9)))
    body = (f'<main><div class="product"><h1>{_e(product)}</h1><p class="price">€{rng.randint(9, 240)}.99</p>'
            '<form action="/cart/add"><select name="size">'
            "<option>S</option><option>M</option><option>L</option>"
            '</select><button>Add to basket</button></form>'
            f'{_paragraphs(rng, _SENTENCES, 2, 2, 3)}<table class="specs">{specs}</table>{reviews}</div>'
            f'<h2>You may also like</h2><ul class="grid">{grid}</ul></main>')
    return title, body


def _news(rng: random.Random, topic: str) -> tuple[str, str]:
    title = f"Council backs new plan for {topic} in the old town"
    fixtures = rng.sample(_FIXTURES, 4)
    scores = (f'<aside class="scores"><h3>Weekend results</h3><ul><li>{fixtures[0]} vs. {fixtures[1]} '
              f'{rng.randint(0, 4)}:{rng.randint(0, 4)}</li><li>{fixtures[2]} vs {fixtures[3]} '
              f"{rng.randint(0, 4)}:{rng.randint(0, 4)}</li></ul></aside>") if rng.random() < 0.3 else ""
    teasers = "".join(f'<li><a href="/news/{rng.randrange(10**6)}/">'
                      f"{_e(rng.choice(_NEWS_SENTENCES))}</a></li>" for _ in range(rng.randint(6, 16)))
    body = (f'<main><article><h1>{_e(title)}</h1><p class="byline">By the newsroom · updated '
            f"{rng.randint(6, 22)}:{rng.randint(0, 59):02d}</p>"
            f"{_paragraphs(rng, _NEWS_SENTENCES, rng.randint(5, 12))}"
            f'</article>{scores}<section class="more"><h2>More news</h2><ul>{teasers}</ul></section></main>')
    return title, body


def _forum(rng: random.Random, topic: str) -> tuple[str, str]:
    title = f"Trouble with {topic} after the update - Tinkerers Forum"
    posts = "".join(
        f'<div class="post" id="p{i}"><div class="author">user{rng.randint(100, 99999)}<br>'
        f"Posts: {rng.randint(1, 4000)}</div><div class=\"content\">"
        + _paragraphs(rng, _FORUM_LINES, rng.randint(1, 3), 1, 3)
        + ("<p>Honestly it is the old tabs vs spaces argument again.</p>" if rng.random() < 0.05 else "")
        + "</div></div>" for i in range(rng.randint(4, 20)))
    body = (f'<div class="crumbs"><a href="/">Forum</a> › <a href="/hardware/">Hardware</a></div>'
            f"<h1>{_e(title.split(' - ', maxsplit=1)[0])}</h1><div class=\"thread\">{posts}</div>"
            '<form class="reply"><textarea name="message"></textarea><button>Post reply</button></form>')
    return title, body


def _login(rng: random.Random, topic: str) -> tuple[str, str]:
    title = "Sign in to continue"
    body = ('<main class="auth"><h1>Sign in</h1><p>Please sign in to read this page.</p>'
            '<form method="post" action="/login"><label>Email <input type="email" name="email"></label>'
            '<label>Password <input type="password" name="password"></label><button>Sign in</button></form>'
            '<p><a href="/reset/">Forgot your password?</a> · '
            '<a href="/join/">Create an account</a></p></main>')
    return title, body


def _cards(rng: random.Random) -> str:
    """Teaser cards (image, label, headline, date), as most sites list their other pages."""
    cards = "".join(
        f'<div class="card"><a class="card__link" href="/{rng.choice(_TOPICS).replace(" ", "-")}/{i}/">'
        f'<div class="card__media"><img src="/img/t{i}.webp" width="320" height="180" alt="" '
        'loading="lazy"></div>'
        f'<div class="card__body"><span class="card__label">{_e(rng.choice(_TOPICS).title())}</span>'
        f'<h3 class="card__title">{_e(rng.choice(_NEWS_SENTENCES + _SENTENCES)[:70])}</h3>'
        f'<time datetime="2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}">'
        f"{rng.randint(1, 28)} days ago</time>"
        "</div></a></div>" for i in range(rng.randint(8, 30)))
    return f'<section class="teasers"><h2>Read next</h2><div class="cards">{cards}</div></section>\n'


def _head_extras(rng: random.Random, host: str) -> str:
    """Preloads, icons, alternates and small configuration scripts: the many short tags of a head."""
    links = "".join(f'<link rel="{rng.choice(("preload", "prefetch", "dns-prefetch", "icon", "alternate"))}" '
                    f'href="https://cdn.{host}/a/{rng.randrange(16**8):08x}.js" as="script">'
                    for _ in range(rng.randint(8, 30)))
    configs = "".join(f'<script>window.cfg{i}={{"v":{rng.randint(1, 999)},'
                      f'"on":{str(rng.random() < 0.5).lower()}}};</script>'
                      for i in range(rng.randint(4, 20)))
    return links + configs


def _site_bundle(rng: random.Random) -> str:
    """An application bundle of the same bulk as the job board's, about this site's items:
    a third of real pages of other sites say ``job`` somewhere, not every one of them."""
    return body_bundle(rng).replace("job", "item").replace("Job", "Item")


_KINDS = {"blog": _blog, "docs": _docs, "shop": _shop, "news": _news, "forum": _forum, "login": _login}


def other_page(rng: random.Random) -> tuple[str, str, bytes]:
    """``(kind, charset, bytes)`` of one page of another site, drawn from ``rng``."""
    kind: OtherKind = rng.choice(OTHER_KINDS)
    host, topic = rng.choice(_HOSTS), rng.choice(_TOPICS)
    title, content = _KINDS[kind](rng, topic)
    charset = "windows-1252" if rng.random() < 0.05 else "utf-8"
    ld = json.dumps({"@context": "https://schema.org", "@type": "WebPage", "name": title,
                     "url": f"https://{host}/{kind}/{rng.randrange(10**6)}/"}, separators=(",", ":"))
    meta = "".join(f'<meta name="{name}" content="{_e(title)}">' for name in (
        "description", "twitter:title", "og:title", "keywords", "robots")[:rng.randint(2, 5)])
    styles = "".join(f"<style>{style_sheet(rng)}</style>" for _ in range(rng.randint(1, 4)))
    scripts = "".join(f"<script>{_site_bundle(rng)}</script>" for _ in range(rng.randint(3, 7)))
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="{charset}"><title>{_e(title)}</title>'
            f'{meta}<link rel="canonical" href="https://{host}/{kind}/">'
            f'<script type="application/ld+json">{ld}</script>{_head_extras(rng, host)}{styles}'
            f"<script>{analytics_snippet(rng)}</script></head>\n<body class=\"{kind}\">"
            f"{_nav(rng, host)}{_consent(rng) if rng.random() < 0.7 else ''}{content}"
            f"{_cards(rng) if kind != 'login' else ''}{_footer(rng, host)}"
            f"{scripts}</body></html>\n")
    data = page.encode("cp1252", "xmlcharrefreplace") if charset == "windows-1252" else page.encode("utf-8")
    return kind, charset, data
