"""An article body as HTML: headings, paragraphs and lists, the same in every page layout.

Why shared: every layout prints the body the same way (consecutive items in one list, a
heading with an anchor id for the table of contents); they differ only in how an anchor is
slugged and how a tip's label is marked, which the caller passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from pipeline.corpus.render_text import Node


def _e(text: str) -> str:
    return escape(text, quote=False)


def body_html(nodes: list[Node], slug: Callable[[str], str], tip_label: str) -> list[str]:
    """Intro to conclusion: headings, paragraphs and lists (consecutive items, one list).

    ``tip_label`` marks a numbered tip's label, with ``{label}`` where the label goes.
    """
    out: list[str] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if node.kind in ("bullet", "numbered"):
            end = index
            while end < len(nodes) and nodes[end].kind == node.kind:
                end += 1
            if node.kind == "bullet":
                items = "".join(f"<li>{_e(n.text)}</li>" for n in nodes[index:end])
                out.append(f"<ul>{items}</ul>")
            else:
                items = "".join(f"<li>{tip_label.format(label=_e(n.label))} {_e(n.text)}</li>"
                                for n in nodes[index:end])
                out.append(f"<ol>{items}</ol>")
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
