"""The page: headline numbers, chart sections and the quarantine table in one self-contained HTML file.

Why one file with everything inlined: it must open from a file share or a mail attachment,
with no server and no other host. The vega runtime (vega, vega-lite, vega-embed, bundled by
``vl-convert``) is inlined once; each chart's spec is a JSON script block the runtime draws
as SVG when the page loads. When every chart has drawn, ``<body>`` gets ``data-rendered``
(the browser test waits for it); a chart that fails to draw says so in words in its place.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

QUARANTINE_ROWS = 1_000
"""At most this many quarantined documents are listed (the rest are counted, and in the table)."""


@dataclass(frozen=True)
class Section:
    """One chart: its anchor, heading, reading aid, spec, and the words shown when it has no data."""

    key: str
    title: str
    aid: str
    spec: dict[str, Any] | None
    empty: str


STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0; color: #212121;
       background: #f5f6f8; line-height: 1.45; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 4px; }
.run { color: #555; margin: 0 0 16px; }
.run code { white-space: nowrap; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 20px; }
.stat { background: #fff; border-radius: 8px; padding: 10px 16px; min-width: 120px;
        box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.stat .value { display: block; font-size: 26px; font-weight: bold; }
.stat .label { color: #555; font-size: 13px; }
section { background: #fff; border-radius: 8px; padding: 16px 20px; margin: 0 0 18px;
          box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.aid { color: #37474f; margin: 0 0 10px; font-size: 14px; }
.empty { color: #8a4b00; background: #fff8e1; padding: 10px 12px; border-radius: 6px; margin: 0; }
.chart { overflow-x: auto; }
.scroll { max-height: 420px; overflow-y: auto; border: 1px solid #e0e0e0; border-radius: 6px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
th { background: #eceff1; position: sticky; top: 0; }
td.uri { word-break: break-all; font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
footer { max-width: 1000px; margin: 0 auto 24px; padding: 0 24px; color: #757575; font-size: 12px; }
"""

DRAW = """
(function () {
  const charts = Array.from(document.querySelectorAll("div.chart[data-spec]"));
  const drawn = charts.map(function (el) {
    const spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    return vegaEmbed(el, spec, {renderer: "svg", actions: false}).then(function () {
      el.dataset.drawn = "true";
    }).catch(function (error) {
      el.dataset.drawn = "error";
      el.textContent = "This chart could not be drawn: " + error;
    });
  });
  Promise.all(drawn).then(function () { document.body.dataset.rendered = String(charts.length); });
})();
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _number(value: int) -> str:
    return f"{value:,}"


def _headline_html(numbers: Mapping[str, Any]) -> str:
    stats = [("articles", "articles"), ("comparisons", "distinct comparisons"), ("roles", "roles"),
             ("job_cards", "job cards"), ("quarantined", "quarantined")]
    cells = "".join(
        f'<div class="stat" data-headline="{key}" data-count="{int(numbers[key])}">'
        f'<span class="value">{_number(int(numbers[key]))}</span><span class="label">{label}</span></div>'
        for key, label in stats
    )
    return f'<div class="headline">{cells}</div>'


def _run_line(numbers: Mapping[str, Any], manifest: Mapping[str, Any] | None) -> str:
    if not manifest:
        return '<p class="run">No finished run recorded in this folder (no <code>_manifest.json</code>).</p>'
    finished = str(numbers.get("finished_at") or "").replace("T", " ").replace("+00:00", " UTC")
    seconds = numbers.get("seconds")
    documents = numbers.get("documents")
    parts = [f"Last run finished {_e(finished)}"]
    if seconds is not None:
        parts.append(f"in {float(seconds):.1f} s")
    if documents is not None:
        parts.append(f"over {_number(int(documents))} documents")
    source = manifest.get("input")
    tail = f" from <code>{_e(source)}</code>" if source else ""
    status, run_id = manifest.get("status", ""), manifest.get("run_id", "")
    return (f'<p class="run" data-finished="{_e(manifest.get("finished_at", ""))}">'
            f"{' '.join(parts)}{tail} (status: {_e(status)}; run <code>{_e(run_id)}</code>).</p>")


def _section_html(section: Section) -> str:
    head = f'<h2>{_e(section.title)}</h2><p class="aid">{_e(section.aid)}</p>'
    if section.spec is None:
        body = f'<p class="empty" data-empty="{section.key}">{_e(section.empty)}</p>'
    else:
        spec = json.dumps(section.spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        spec = spec.replace("</", "<\\/")
        body = (f'<div class="chart" id="chart-{section.key}" data-chart="{section.key}" '
                f'data-spec="spec-{section.key}"></div>'
                f'<script type="application/json" id="spec-{section.key}">{spec}</script>')
    return f'<section id="{section.key}">{head}{body}</section>'


def _quarantine_html(quarantine: pd.DataFrame) -> str:
    title = "<h2>Quarantined documents</h2>"
    if quarantine.empty:
        return (f'<section id="quarantine">{title}<p class="aid">What could not be used, and why.</p>'
                '<p class="empty" data-empty="quarantine">Nothing was quarantined: every document '
                "was parsed or recognised as a duplicate.</p></section>")
    shown = quarantine.sort_values(["stage", "reason", "source_uri"]).head(QUARANTINE_ROWS)
    rows = "".join(
        f'<tr><td class="uri">{_e(row.source_uri)}</td><td>{_e(row.stage)}</td><td>{_e(row.reason)}</td>'
        f"<td>{_e(row.detail if isinstance(row.detail, str) else '')}</td></tr>"
        for row in shown.itertuples()
    )
    more = len(quarantine) - len(shown)
    note = (f'<p class="aid">{_number(more)} more are not listed here: see the <code>quarantine</code> '
            "table.</p>" if more > 0 else "")
    return (f'<section id="quarantine">{title}<p class="aid">What could not be used, with the stage that '
            f"refused it and why ({_number(len(quarantine))} in all).</p>"
            f'<div class="scroll"><table data-rows="{len(shown)}"><thead><tr><th>Document</th><th>Stage</th>'
            f"<th>Reason</th><th>Detail</th></tr></thead><tbody>{rows}</tbody></table></div>{note}</section>")


def render(*, numbers: Mapping[str, Any], manifest: Mapping[str, Any] | None, sections: Sequence[Section],
           quarantine: pd.DataFrame, version: str, runtime: str) -> str:
    """The whole page as one string (byte-stable for the same tables, manifest and runs)."""
    body = "".join(_section_html(section) for section in sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>rolescope report</title>"
        f"<style>{STYLE}</style><script>{runtime}</script></head><body>"
        f"<header><h1>rolescope report</h1>{_run_line(numbers, manifest)}{_headline_html(numbers)}</header>"
        f"<main>{body}{_quarantine_html(quarantine)}</main>"
        f"<footer>Made by rolescope {_e(version)} from the published tables; charts drawn with Vega-Lite. "
        "Hover a bar or box for its numbers.</footer>"
        f"<script>{DRAW}</script></body></html>\n"
    )
