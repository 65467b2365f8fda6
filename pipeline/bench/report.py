"""A bench result as a table a person reads in a terminal (the JSON is for machines)."""

from __future__ import annotations

from typing import Any


def _num(value: float | None, fmt: str = ".2f", suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:{fmt}}{suffix}"


def _machine(m: dict[str, Any]) -> list[str]:
    pk = m["packages"]
    return [
        f"machine: {m['cpu_model']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}",
        f"python {m['python']}, pyarrow {pk.get('pyarrow')}, lxml {pk.get('lxml')}, "
        f"selectolax {pk.get('selectolax')}, trafilatura {pk.get('trafilatura')}; {m['date']}",
        f"load average (1/5/15 min) at start {m['load_avg']}, at end {m['load_avg_end']}",
    ]


def _formats(result: dict[str, Any]) -> list[str]:
    html, text, other = (result["formats"][name] for name in ("html", "text", "other"))
    lines = [f"{'format':6} {'docs':>7} {'KB/doc':>7} {'docs/s':>8} {'CPU ms/doc':>11}   (net of startup)"]
    for name, entry in (("html", html), ("text", text), ("other", other)):
        run = entry["pipeline"]
        lines.append(f"{name:6} {entry['docs']:>7} {entry['mean_kb']:>7.1f} {run['docs_per_s']:>8.1f} "
                     f"{run['cpu_ms_per_doc']:>11.3f}   ({_num(entry['cpu_ms_per_doc_net'], '.3f')})")
    lxml, traf = html["floors"]["lxml"], html["floors"]["trafilatura"]
    lines.append(f"  html floor lxml.html.fromstring: {lxml['cpu_ms_per_doc']:.3f} ms/doc -> pipeline is "
                 f"{_num(html['cpu_ratio_to_lxml'], '.1f', 'x')} the CPU "
                 f"({_num(html['net_cpu_ratio_to_lxml'], '.1f', 'x')} net of startup)")
    if traf:
        lines.append(f"  html trafilatura.extract ({traf['docs']} pages): {traf['cpu_ms_per_doc']:.3f} "
                     f"ms/doc -> pipeline is {_num(html['cpu_ratio_to_trafilatura'], '.2f', 'x')} the CPU")
    floor = text["floors"]["read_split_regex"]
    lines.append(f"  text floor read+split+3 regexes: {floor['docs_per_s']:.0f} docs/s, "
                 f"{floor['cpu_ms_per_doc']:.3f} ms/doc -> pipeline rate is "
                 f"{_num(text['rate_share_of_floor'], '.1%')} of it; CPU "
                 f"{_num(text['cpu_ratio_to_floor'], '.1f', 'x')} "
                 f"({_num(text['net_cpu_ratio_to_floor'], '.1f', 'x')} net of startup)")
    olxml = other["floors"]["lxml"]
    lines.append(f"  other sites' pages, floor lxml.html.fromstring: {olxml['cpu_ms_per_doc']:.3f} ms/doc "
                 f"-> pipeline is {_num(other['cpu_ratio_to_lxml'], '.1f', 'x')} the CPU "
                 f"({_num(other['net_cpu_ratio_to_lxml'], '.1f', 'x')} net of startup)")
    return lines


def _runs(result: dict[str, Any]) -> list[str]:
    s, mem, noop = result["scaling"], result["memory"], result["noop_rerun"]
    one, every = s["one_worker"], s["all_cores"]
    same = "yes" if s["tables_identical"] else ("same rows, different bytes" if s["rows_identical"] else "NO")
    serial = _num(100 * every["main_cpu_s"] / every["cpu_s"] if every["cpu_s"] else None, ".0f", "%")
    peak, main, pss = mem["peak_rss_mb"], mem["main_peak_rss_mb"], mem["peak_pss_mb"]
    return [
        f"scaling ({s['docs']} mixed docs): 1 worker {one['docs_per_s']:.1f} docs/s, {every['workers']} "
        f"workers {every['docs_per_s']:.1f} docs/s -> {_num(s['speedup'], '.2f', 'x')}; "
        f"tables identical: {same}",
        f"  all cores: {every['cpu_s']:.2f} s CPU in {every['wall_s']:.2f} s wall, {serial} of the CPU "
        "in the run process itself",
        f"  no-op re-run: {s['noop_rerun']['rerun']['wall_s']:.2f} s -> "
        f"{_num(s['noop_rerun']['share'], '.1%')} of the all-cores run",
        f"memory (all cores): process tree peak RSS {peak[0]:.0f} MB at {mem['sizes'][0]} docs, "
        f"{peak[1]:.0f} MB at {mem['sizes'][1]} docs ({_num(mem['growth_pct'], '+.1f', '%')}); "
        f"run process alone {main[0]:.0f} / {main[1]:.0f} MB; tree PSS (shared pages once) "
        f"{pss[0]:.0f} / {pss[1]:.0f} MB ({_num(mem['pss_growth_pct'], '+.1f', '%')})",
        f"no-op re-run ({noop['docs']} docs): {noop['rerun']['wall_s']:.2f} s after a "
        f"{noop['full']['wall_s']:.2f} s full run -> {_num(noop['share'], '.1%')}",
    ]


def render(result: dict[str, Any]) -> str:
    """The whole result: machine, per-format figures, scaling, memory, no-op, targets."""
    start = result["startup"]
    lines = ["rolescope bench", *_machine(result["machine"]), "",
             f"startup (empty folder): {start['wall_s']:.2f} s wall, {start['cpu_s']:.2f} s CPU", "",
             *_formats(result), "", *_runs(result), "", "targets:"]
    for name, t in result["targets"].items():
        shown = "n/a" if t["value"] is None else f"{t['value']:.3g}"
        state = "met" if t["met"] else "MISSED"
        lines.append(f"  [{state:6}] {name:23} {shown:>8} {t['op']:>2} {t['limit']:<6g} {t['what']}")
    return "\n".join(lines)
