"""The bulky, invisible part of a real page: inline CSS, inline JavaScript, an SVG logo.

Why generate it: a saved page from a real job board is mostly bytes a reader never sees.
They dominate the parse cost of an HTML page (the tokenizer still walks every byte of a
``<script>``) and they must be skipped, never read as text. A benchmark on pages without
them measures a parser that does not exist. Everything here is drawn from the page's
``rng``: pages differ in size and detail (like pages of a site between deploys) while the
same seed still gives the same bytes. All code and names here are written for this project.
"""

from __future__ import annotations

import json
import random

# --- CSS ------------------------------------------------------------------------------------

_COMPONENTS = (
    "site-header", "site-header__inner", "brand", "brand__mark", "brand__word", "mega-nav", "mega-nav__group",
    "mega-nav__title", "mega-nav__list", "mega-nav__link", "mega-nav__link--active", "nav-toggle", "search",
    "search__field", "search__button", "consent", "consent__title", "consent__text", "consent__choices",
    "consent__choice", "consent__actions", "btn", "btn--primary", "btn--ghost", "btn--small", "post",
    "post__title", "post__lead", "post__meta", "post__body", "toc", "toc__item", "toc__link", "card",
    "card__flag", "card__title", "card__company", "card__badges", "badge", "badge--salary", "sidebar",
    "sidebar__box", "related", "related__list", "related__item", "related__link", "popular", "popular__item",
    "newsletter", "newsletter__field", "newsletter__submit", "site-footer", "site-footer__cols",
    "site-footer__col", "site-footer__title", "site-footer__link", "site-footer__legal", "social",
    "social__icon", "progress-bar", "back-to-top", "skip-link", "visually-hidden", "modal", "modal__dialog",
)
_DECLARATIONS = (
    "display:flex", "display:grid", "display:block", "display:inline-flex", "display:none",
    "align-items:center", "justify-content:space-between", "justify-content:flex-start", "gap:{s}px",
    "grid-template-columns:repeat({n},minmax(0,1fr))", "padding:{s}px {t}px", "margin:0 auto",
    "margin-bottom:{s}px", "max-width:{w}px", "width:100%", "min-height:{t}px", "font-size:{f}rem",
    "font-weight:{fw}", "line-height:{lh}", "letter-spacing:.0{d}em", "color:{c}", "background:{c}",
    "background-color:{c}", "border:1px solid {c}", "border-radius:{r}px", "border-bottom:1px solid {c}",
    "box-shadow:0 {r}px {s}px rgba(15,23,42,.{d})", "position:relative", "position:sticky", "top:0",
    "z-index:{z}", "overflow:hidden", "text-decoration:none", "text-transform:uppercase",
    "transition:opacity .{d}s ease,transform .{d}s ease", "cursor:pointer", "white-space:nowrap",
    "list-style:none", "opacity:.{d}", "transform:translateY(-{r}px)", "outline:2px solid {c}",
)
_COLOURS = ("#0f172a", "#1e293b", "#334155", "#64748b", "#e2e8f0", "#f8fafc", "#fff", "#2563eb", "#1d4ed8",
            "#16a34a", "#f59e0b", "#dc2626", "var(--accent)", "var(--ink)", "var(--paper)", "transparent")


def _declaration(rng: random.Random) -> str:
    return rng.choice(_DECLARATIONS).format(
        s=rng.choice((4, 6, 8, 12, 16, 20, 24, 32)), t=rng.choice((8, 12, 16, 24, 40, 48)),
        n=rng.randint(2, 5), w=rng.choice((640, 720, 960, 1140, 1280)),
        f=rng.choice((".75", ".875", "1", "1.125", "1.5", "2")), fw=rng.choice((400, 500, 600, 700)),
        lh=rng.choice(("1.2", "1.4", "1.6")), d=rng.randint(1, 9), c=rng.choice(_COLOURS),
        r=rng.choice((2, 4, 6, 8, 12)), z=rng.choice((1, 10, 50)),
    )


def _rule(selector: str, rng: random.Random) -> str:
    body = ";".join(dict.fromkeys(_declaration(rng) for _ in range(rng.randint(3, 8))))
    return f"{selector}{{{body}}}"


def style_sheet(rng: random.Random) -> str:
    """A minified site stylesheet (~10-14 KB): variables, component rules, states, breakpoints."""
    accent = rng.choice(("#2563eb", "#7c3aed", "#0d9488", "#db2777"))
    rules = [f":root{{--accent:{accent};--ink:#0f172a;--paper:#fff;--muted:#64748b;--radius:8px;"
             "--font:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
             "*,*::before,*::after{box-sizing:border-box}",
             "html{-webkit-text-size-adjust:100%}body{margin:0;font-family:var(--font);color:var(--ink)}",
             "img,svg{display:block;max-width:100%}a{color:var(--accent)}"]
    for name in _COMPONENTS:
        rules.append(_rule(f".{name}", rng))
        if rng.random() < 0.35:
            rules.append(_rule(f".{name}:hover,.{name}:focus-visible", rng))
    for width in (480, 768, 1024, 1280):
        inner = "".join(_rule(f".{n}", rng) for n in rng.sample(_COMPONENTS, rng.randint(5, 9)))
        rules.append(f"@media (min-width:{width}px){{{inner}}}")
    rules.append("@media (prefers-color-scheme:dark){:root{--ink:#e2e8f0;--paper:#0b1120}}")
    rules.append("@media print{.site-header,.site-footer,.consent,.sidebar,.related{display:none}}")
    rules.append("@keyframes rs-fade{from{opacity:0}to{opacity:1}}")
    return "".join(rules)


# --- JavaScript -----------------------------------------------------------------------------

_MODULES = {
    "lazy-images": """(function(d){var imgs=d.querySelectorAll("img[data-src]");if(!("IntersectionObserv
er"inwindow)){imgs.forEach(function(i){i.src=i.dataset.src});return}var io=new IntersectionObserver(func
tion(es){es.forEach(function(e){if(e.isIntersecting){var t=e.target;t.src=t.dataset.src;t.removeAttribut
e("data-src");io.unobserve(t)}})},{rootMargin:"200px 0px"});imgs.forEach(function(i){io.observe(i)})})(d
ocument);""",
    "sticky-header": """(function(w,d){var h=d.querySelector("[data-sticky]"),last=0,ticking=false;if(!h
)return;function update(){var y=w.scrollY||0;h.classList.toggle("is-hidden",y>last&&y>120);h.classList.t
oggle("is-raised",y>8);last=y;ticking=false}w.addEventListener("scroll",function(){if(!ticking){w.reques
tAnimationFrame(update);ticking=true}},{passive:true})})(window,document);""",
    "toc-highlight": """(function(d){var links=[].slice.call(d.querySelectorAll('a[href^="#"]'));var map
={};links.forEach(function(a){var id=a.getAttribute("href").slice(1);if(id)map[id]=a});var obs=new Inter
sectionObserver(function(entries){entries.forEach(function(en){var a=map[en.target.id];if(a&&en.isInters
ecting){links.forEach(function(l){l.classList.remove("is-current")});a.classList.add("is-current")}})},{
threshold:[0,1]});Object.keys(map).forEach(function(id){var el=d.getElementById(id);if(el)obs.observe(el
)})})(document);""",
    "copy-link": """(function(d,n){d.addEventListener("click",function(ev){var b=ev.target.closest("[dat
a-copy]");if(!b)return;ev.preventDefault();var url=location.origin+location.pathname+(b.dataset.copy||""
);if(n.clipboard){n.clipboard.writeText(url).then(function(){b.dataset.state="done";setTimeout(function(
){delete b.dataset.state},1600)})}})})(document,navigator);""",
    "share": """(function(d,w){var targets={x:"https://x.example/intent?u=",li:"https://li.example/share
?url=",mail:"mailto:?body="};d.querySelectorAll("[data-share]").forEach(function(a){var kind=a.dataset.s
hare;if(!targets[kind])return;a.href=targets[kind]+encodeURIComponent(w.location.href);a.rel="noopener"}
)})(document,window);""",
    "newsletter": """(function(d){var f=d.querySelector("form[data-newsletter]");if(!f)return;var re=/^[
^\\s@]+@[^\\s@]+\\.[a-z]{2,}$/i;f.addEventListener("submit",function(ev){var input=f.querySelector("inpu
t[type=email]");if(!re.test(input.value)){ev.preventDefault();input.setAttribute("aria-invalid","true");
input.focus();return}f.classList.add("is-sending")})})(document);""",
    "consent": """(function(w,d,k){var box=d.querySelector("[data-consent]");if(!box)return;var saved=nu
ll;try{saved=JSON.parse(w.localStorage.getItem(k)||"null")}catch(e){saved=null}if(saved){box.remove();w.
rsq.push({event:"consent",value:saved});return}box.addEventListener("click",function(ev){var b=ev.target
.closest("button");if(!b)return;var all=b.dataset.choice==="all",choice={necessary:true,stats:all,ads:al
l,ts:Date.now()};w.localStorage.setItem(k,JSON.stringify(choice));box.remove();w.rsq.push({event:"consen
t",value:choice})})})(window,document,"rs-consent-v3");""",
    "search-suggest": """(function(d,w){var box=d.querySelector("[data-search]"),timer=0;if(!box)return;
var out=d.createElement("ul");out.className="search__suggest";box.appendChild(out);box.addEventListener(
"input",function(ev){clearTimeout(timer);var q=ev.target.value.trim();if(q.length<2){out.innerHTML="";re
turn}timer=setTimeout(function(){w.fetch("/api/suggest?q="+encodeURIComponent(q)).then(function(r){retur
n r.json()}).then(function(items){out.innerHTML=items.slice(0,8).map(function(it){return'<li><a href="'+
it.url+'">'+it.label+"</a></li>"}).join("")})},180)})})(document,window);""",
    "theme": """(function(d,w){var key="rs-theme",root=d.documentElement,stored=w.localStorage.getItem(k
ey);if(stored)root.dataset.theme=stored;d.addEventListener("click",function(ev){if(!ev.target.closest("[
data-theme-toggle]"))return;var next=root.dataset.theme==="dark"?"light":"dark";root.dataset.theme=next;
w.localStorage.setItem(key,next)})})(document,window);""",
    "progress": """(function(d,w){var bar=d.querySelector(".progress-bar");if(!bar)return;function draw(
){var h=d.documentElement,max=h.scrollHeight-h.clientHeight;bar.style.transform="scaleX("+(max>0?h.scrol
lTop/max:0)+")"}w.addEventListener("scroll",draw,{passive:true});draw()})(document,window);""",
    "salary-widget": """(function(d,w){d.querySelectorAll("[data-salary-role]").forEach(function(el){w.f
etch("/api/salaries/"+el.dataset.salaryRole+"?currency="+(el.dataset.currency||"USD")).then(function(r){
return r.ok?r.json():null}).then(function(s){if(!s)return;el.querySelector("[data-median]").textContent=
s.median.toLocaleString("en-US",{style:"currency",currency:s.currency,maximumFractionDigits:0})})})})(do
cument,window);""",
    "job-alert": """(function(d){var dlg=d.getElementById("job-alert");if(!dlg||!dlg.showModal)return;va
r seen=sessionStorage.getItem("rs-alert");d.addEventListener("scroll",function once(){if(seen||window.sc
rollY<1600)return;d.removeEventListener("scroll",once);sessionStorage.setItem("rs-alert","1");dlg.showMo
dal()},{passive:true})})(document);""",
}


def _vendor_chunk(rng: random.Random, count: int) -> str:
    """A bundler-style module table: many small numbered functions, as minifiers leave them."""
    ops = ("return a+b*{k}", "return a&&a.k{k}?a.k{k}:b", "return (a|0)%{k}===0?b:null",
           "var c=[a,b,{k}];return c.join('-')", "return Object.assign({{}},a,{{v:{k}}})",
           "for(var i=0,s=0;i<{k};i++)s+=a[i]||0;return s", "return typeof a==='string'?a.slice(0,{k}):b")
    body = ",".join(f"{rng.randrange(100, 9999)}:function(a,b){{\"use strict\";"
                    f"{rng.choice(ops).format(k=rng.randint(2, 97))}}}" for _ in range(count))
    return f'(self.rsChunks=self.rsChunks||[]).push([[{rng.randint(1, 400)}],{{{body}}}]);'


def body_bundle(rng: random.Random) -> str:
    """The end-of-body application script (~10-16 KB): feature modules plus a vendor chunk."""
    names = rng.sample(sorted(_MODULES), rng.randint(8, len(_MODULES)))
    parts = [f"/*! rs-app {rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 9)} */"]
    parts += [f"/* {name} */" + _MODULES[name].replace("\n", "") for name in names]
    parts.append(_vendor_chunk(rng, rng.randint(90, 150)))
    return "\n".join(parts)


def analytics_snippet(rng: random.Random) -> str:
    """The early analytics loader most pages carry in their head."""
    return ("(function(w,d,s,id){w.rsq=w.rsq||[];w.rsq.push({start:Date.now(),event:'boot'});"
            "var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;"
            "j.src='/static/js/metrics.js?id='+id;f.parentNode.insertBefore(j,f);})"
            f"(window,document,'script','RS-{rng.randrange(16**6):06X}');")


_SKILLS = ("Python", "SQL", "Spark", "Airflow", "dbt", "Kubernetes", "Docker", "Terraform", "AWS", "GCP",
           "Azure", "PyTorch", "TensorFlow", "JAX", "scikit-learn", "Pandas", "Polars", "Kafka", "Flink",
           "Snowflake", "BigQuery", "Databricks", "Looker", "Tableau", "Power BI", "R", "Scala", "Java", "Go",
           "Rust", "LLM", "RAG", "Computer Vision", "NLP", "Recommender Systems", "Time Series",
           "Causal Inference", "A/B Testing", "Statistics", "MLflow", "Ray", "Triton", "CUDA", "ONNX",
           "Feature Stores", "Vector Search")


def app_state(rng: random.Random, slug: str, related: list[str]) -> str:
    """The server-rendered state blob (``window.__RS_STATE__``): flags, experiments, lookups."""
    state = {
        "page": {"type": "insight", "slug": slug, "build": f"{rng.randrange(16**8):08x}"},
        "flags": {name: rng.random() < 0.5 for name in ("newSearch", "salaryWidget", "alertModal",
                                                          "darkMode", "boardV2", "lazyCards")},
        "experiments": [{"id": f"exp-{rng.randint(100, 999)}", "arm": rng.choice("ABC")} for _ in range(4)],
        "related": related,
        "currencies": {"USD": 1.0, "EUR": round(rng.uniform(0.88, 0.95), 4),
                       "GBP": round(rng.uniform(0.76, 0.82), 4), "CAD": round(rng.uniform(1.3, 1.4), 4),
                       "CHF": round(rng.uniform(0.85, 0.92), 4)},
        "i18n": {"apply": "Apply now", "save": "Save job", "saved": "Saved", "share": "Share",
                 "copy": "Copy link", "copied": "Link copied", "close": "Close", "more": "Show more"},
        "filters": [{"id": index, "label": skill, "jobs": rng.randint(3, 4000),
                     "slug": skill.lower().replace(" ", "-")} for index, skill in enumerate(_SKILLS)],
        "trending": [f"/hiring/jobs/{t}/" for t in rng.sample(("remote", "senior", "llm", "mlops", "europe",
                                                                 "data-engineering", "internships", "nlp",
                                                                 "computer-vision", "analytics"), 6)],
    }
    return "window.__RS_STATE__=" + json.dumps(state, separators=(",", ":"), sort_keys=True) + ";"


# --- SVG --------------------------------------------------------------------------------------

def _path(rng: random.Random, points: int) -> str:
    x, y = rng.uniform(4, 28), rng.uniform(4, 28)
    parts = [f"M{x:.2f} {y:.2f}"]
    for _ in range(points):
        coords = " ".join(f"{rng.uniform(0, 160):.2f} {rng.uniform(0, 32):.2f}" for _ in range(3))
        parts.append(f"C{coords}")
    return "".join(parts) + "Z"


def svg_logo(rng: random.Random, host: str) -> str:
    """An inline vector logo (~2-3 KB of path data); skipped by any text reader."""
    paths = "".join(f'<path fill="{rng.choice(("currentColor", "var(--accent)", "#0f172a"))}" '
                    f'd="{_path(rng, rng.randint(5, 9))}"/>' for _ in range(rng.randint(4, 6)))
    return (f'<svg class="brand__mark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 32" width="160" '
            f'height="32" role="img" aria-labelledby="logo-t"><title id="logo-t">{host}</title>'
            f'<defs><linearGradient id="lg{rng.randint(1, 99)}" x1="0" x2="1">'
            '<stop offset="0" stop-color="#2563eb"/><stop offset="1" stop-color="#7c3aed"/></linearGradient>'
            f"</defs>{paths}</svg>")


_ICONS = {
    "x": "M3 3l18 18M21 3L3 21",
    "linkedin": "M4 9h4v12H4zM6 3a2 2 0 110 4 2 2 0 010-4zM10 9h4v2c1-2 6-3 6 2v8h-4v-7c0-2-3-2-3 0v7h-3z",
    "github": "M12 2a10 10 0 00-3 19c1 0 1-1 1-1v-2c-3 1-3-1-4-2 1 0 2 1 2 1 1 2 3 1 3 1 0-1 1-1 1-2-2 "
              "0-5-1-5-5 0-1 0-2 1-3 0 0-1-1 0-3 0 0 1 0 3 1a10 10 0 015 0c2-1 3-1 3-1 1 2 0 3 0 3 1 1 "
              "1 2 1 3 0 4-3 5-5 5 1 1 1 2 1 3v3s0 1 1 1a10 10 0 00-3-19z",
    "rss": "M4 4a16 16 0 0116 16h-3A13 13 0 004 7zm0 6a10 10 0 0110 10h-3a7 7 0 00-7-7zm2 8a2 2 0 110 4 "
           "2 2 0 010-4z",
}


def social_icon(name: str) -> str:
    """A small inline icon for the footer's social links."""
    return (f'<svg class="social__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">'
            f'<path fill="none" stroke="currentColor" stroke-width="2" d="{_ICONS[name]}"/></svg>')


SOCIAL = tuple(_ICONS)
