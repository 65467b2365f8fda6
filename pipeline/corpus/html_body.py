"""An article body as HTML: headings, paragraphs and lists, the same in every page layout.

Why shared: every layout prints the body the same way (consecutive items in one list, a
heading with an anchor id for the table of contents); they differ only in how an anchor is
slugged and how a tip's label is marked, which the caller passes in.

One layout prints the per-role parts of a section as **tabs** (WAI-ARIA's tab pattern, as
sites built on Bootstrap or a component library print it): the roles' names in a tab list,
then one panel per role, only the first shown. Written from what such pages carry: either
``<button role="tab">`` with ids, each panel ``aria-labelledby`` its tab and the others
``hidden``; or Bootstrap's ``<ul role="tablist">`` of ``<a role="tab">`` links, panels marked
only ``role="tabpanel"`` and hidden by a class (the page's CSS, not an attribute).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from pipeline.corpus.render_text import Node


def _e(text: str) -> str:
    return escape(text, quote=False)


def body_html(
    nodes: list[Node], slug: Callable[[str], str], tip_label: str, *, tabs: bool = False
) -> list[str]:
    """Intro to conclusion: headings, paragraphs and lists (consecutive items, one list).

    ``tip_label`` marks a numbered tip's label, with ``{label}`` where the label goes;
    ``tabs`` prints each run of subheadings (with what follows each) as tabs and panels.
    """
    out: list[str] = []
    index = 0
    sections = 0
    while index < len(nodes):
        node = nodes[index]
        if tabs and node.kind == "subheading":
            end = index
            while end < len(nodes) and nodes[end].kind != "heading":
                end += 1
            out += _tabs(nodes[index:end], slug, tip_label, sections)
            sections += 1
            index = end
            continue
        if node.kind in ("bullet", "numbered"):
            end = index
            while end < len(nodes) and nodes[end].kind == node.kind:
                end += 1
            out.append(_list(nodes[index:end], tip_label))
            index = end
            continue
        if node.kind == "heading":
            out.append(f'<h2 id="{slug(node.text)}">{_e(node.text)}</h2>')
        elif node.kind == "subheading":
            out.append(f"<h3>{_e(node.text)}</h3>")
        else:
            out.append(f"<p>{_e(node.text)}</p>")
        index += 1
    return out


def _list(run: list[Node], tip_label: str) -> str:
    if run[0].kind == "bullet":
        return "<ul>" + "".join(f"<li>{_e(n.text)}</li>" for n in run) + "</ul>"
    items = "".join(f"<li>{tip_label.format(label=_e(n.label))} {_e(n.text)}</li>" for n in run)
    return f"<ol>{items}</ol>"


def _tabs(nodes: list[Node], slug: Callable[[str], str], tip_label: str, number: int) -> list[str]:
    """Subheadings and what follows each, up to the next heading: a tab list, then panels
    (ARIA style on even sections, Bootstrap style on odd ones)."""
    groups: list[tuple[str, list[Node]]] = []
    for node in nodes:
        if node.kind == "subheading":
            groups.append((node.text, []))
        else:
            groups[-1][1].append(node)
    aria = number % 2 == 0
    tabs: list[str] = []
    panels: list[str] = []
    for i, (name, content) in enumerate(groups):
        tab_id = f"{slug(name)}-{number}"
        first = i == 0
        active = " active" if first else ""
        if aria:
            rest = "" if first else ' tabindex="-1"'
            tabs.append(f'<button type="button" role="tab" id="tab-{tab_id}" aria-controls="panel-{tab_id}" '
                        f'aria-selected="{str(first).lower()}"{rest}>{_e(name)}</button>')
            hidden = "" if first else " hidden"
            panels.append(f'<div role="tabpanel" id="panel-{tab_id}" aria-labelledby="tab-{tab_id}"{hidden}>')
        else:
            tabs.append(f'<li class="nav-item" role="presentation"><a class="nav-link{active}" role="tab" '
                        f'data-bs-toggle="tab" href="#panel-{tab_id}">{_e(name)}</a></li>')
            panels.append(f'<div class="tab-pane fade{" show" + active if first else ""}" role="tabpanel" '
                          f'id="panel-{tab_id}">')
        panels += body_html(content, slug, tip_label)
        panels.append("</div>")
    if aria:
        return ['<div class="role-tabs"><div role="tablist" aria-label="Roles">', *tabs, "</div>",
                *panels, "</div>"]
    return ['<ul class="nav nav-tabs" role="tablist">', *tabs, '</ul><div class="tab-content">',
            *panels, "</div>"]
