"""The charts: Vega-Lite specifications built with altair from the frames of :mod:`frames`.

Why altair: a declarative grammar whose specs are plain JSON, drawn in the page by the vega
runtime (inlined once), so the report needs no server, no image files and no hand-drawn
SVG. Every chart has a title, labelled axes with units, and tooltips; the reading aid and
the empty-data wording live with the page. A function returns ``None`` when its frame is
empty, and the page then says so in words.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from pipeline.tables.schema import SENIORITY_LABELS

WIDTH = 640
"""Plot width in pixels: fits the page's column with the axis labels beside it."""

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
"""Fonts every desktop has (nothing is fetched: the page carries no web font)."""

Spec = dict[str, Any]

_USD = alt.Axis(format="$,.0f", labelOverlap="greedy", tickCount=6)
_COUNT = alt.Axis(tickMinStep=1, format=",d", labelOverlap="greedy", tickCount=6)
_OUTCOME_COLORS = {"parsed": "#2f7d32", "duplicate": "#8d99ae", "removed": "#bdbdbd", "kept": "#5c6bc0",
                   "quarantined": "#c62828"}


def _config(chart: Any) -> Spec:
    """The spec with the page's shared look: fonts, sizes, no border, no actions menu."""
    spec: Spec = chart.configure(font=FONT).configure_view(stroke=None).configure_axis(
        labelFontSize=12, titleFontSize=12, labelLimit=260,
    ).configure_title(fontSize=14, anchor="start").to_dict()
    return spec


def _records(frame: pd.DataFrame) -> pd.DataFrame:
    """Plain Python values (no pandas NA) so the spec is valid JSON."""
    return frame.astype(object).where(frame.notna(), None)


def salary_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 1: a box per seniority level (quartiles, Tukey whiskers, median tick), with its count."""
    if data.empty:
        return None
    order = list(data["level"])
    base = alt.Chart(_records(data)).encode(
        y=alt.Y("level:N", sort=order, title="Seniority (cards with a USD salary)"),
        tooltip=[
            alt.Tooltip("level:N", title="Level"), alt.Tooltip("cards:Q", title="Cards"),
            alt.Tooltip("low:Q", title="Lower whisker", format="$,.0f"),
            alt.Tooltip("q1:Q", title="25th percentile", format="$,.0f"),
            alt.Tooltip("median:Q", title="Median", format="$,.0f"),
            alt.Tooltip("q3:Q", title="75th percentile", format="$,.0f"),
            alt.Tooltip("high:Q", title="Upper whisker", format="$,.0f"),
            alt.Tooltip("outliers:Q", title="Outliers (not drawn)"),
        ],
    )
    whisker = base.mark_rule(color="#455a64").encode(
        x=alt.X("low:Q", title="Salary midpoint (USD per year)", axis=_USD), x2="high:Q",
    )
    box = base.mark_bar(size=22, color="#90caf9", stroke="#1565c0").encode(x="q1:Q", x2="q3:Q")
    median = base.mark_tick(color="#0d47a1", thickness=3, size=22).encode(x="median:Q")
    chart = alt.layer(whisker, box, median).properties(
        width=WIDTH, height=alt.Step(40), title="Salary ranges by seniority",
    )
    return _config(chart)


def tools_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 2: per role, a small bar chart of its most listed tools (one panel per role, two columns).

    The tool names get a fixed-width column in every panel, so the panels line up.
    """
    if data.empty:
        return None
    roles = list(dict.fromkeys(data["role"]))
    base = alt.Chart().encode(
        y=alt.Y("name:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None,
                axis=alt.Axis(minExtent=180, maxExtent=180, labelLimit=175)),
        tooltip=[alt.Tooltip("role:N", title="Role"), alt.Tooltip("name:N", title="Tool"),
                 alt.Tooltip("comparisons:Q", title="Comparisons")],
    )
    bar = base.mark_bar(color="#5c6bc0").encode(
        x=alt.X("comparisons:Q", title="Comparisons listing it (count)",
                axis=alt.Axis(tickMinStep=1, format=",d", tickCount=4)),
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(x="comparisons:Q", text="comparisons:Q")
    chart = alt.layer(bar, text, data=_records(data)).properties(
        width=WIDTH // 2 - 140, height=alt.Step(16),
    ).facet(
        facet=alt.Facet("role:N", sort=roles, title=None,
                        header=alt.Header(labelFontSize=12, labelFontWeight="bold", labelAnchor="start")),
        columns=2, spacing={"row": 14, "column": 30},
    ).resolve_scale(y="independent").properties(title="Tools, languages and frameworks each role lists")
    return _config(chart)


_LEVEL_COLOURS = dict(zip(SENIORITY_LABELS, ("#bbdefb", "#64b5f6", "#1e88e5", "#0d47a1"), strict=True))
"""Seniority from light to dark; a job whose card gives none is grey."""


def job_skills_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 6: one bar per skill or tool (jobs naming it), stacked by the job's seniority."""
    if data.empty:
        return None
    names = list(dict.fromkeys(data["name"]))
    levels = list(dict.fromkeys(data.sort_values("level_rank")["level"]))
    chart = alt.Chart(_records(data)).mark_bar().encode(
        y=alt.Y("name:N", sort=names, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("sum(jobs):Q", title="Job pages naming it (count)",
                axis=alt.Axis(tickMinStep=1, format=",d", tickCount=5)),
        color=alt.Color("level:N", sort=levels, title="Seniority",
                        scale=alt.Scale(domain=levels,
                                        range=[_LEVEL_COLOURS.get(level, "#bdbdbd") for level in levels]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        order=alt.Order("level_rank:Q"),
        tooltip=[alt.Tooltip("name:N", title="Skill or tool"), alt.Tooltip("level:N", title="Seniority"),
                 alt.Tooltip("jobs:Q", title="Jobs at this level"),
                 alt.Tooltip("total:Q", title="Jobs in all")],
    ).properties(width=WIDTH, height=alt.Step(18), title="Skills and tools job pages ask for")
    return _config(chart)


def outlook_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 3: per role, the median growth figure (bar) and the lowest-to-highest range (rule)."""
    if data.empty:
        return None
    order = list(data["role"])
    base = alt.Chart(_records(data)).encode(
        y=alt.Y("role:N", sort=order, title=None),
        tooltip=[alt.Tooltip("role:N", title="Role"), alt.Tooltip("figures:Q", title="Figures quoted"),
                 alt.Tooltip("own:Q", title="Of which for this role alone"),
                 alt.Tooltip("lowest:Q", title="Lowest (%)"), alt.Tooltip("median:Q", title="Median (%)"),
                 alt.Tooltip("highest:Q", title="Highest (%)")],
    )
    bar = base.mark_bar(color="#66bb6a", size=16).encode(
        x=alt.X("median:Q", title="Projected employment growth (percent)", scale=alt.Scale(zero=True),
                axis=alt.Axis(tickCount=8)),
    )
    rule = base.mark_rule(color="#1b5e20", strokeWidth=2).encode(x="lowest:Q", x2="highest:Q")
    label = base.mark_text(align="left", dx=4, fontSize=11, color="#1b5e20").encode(
        x="highest:Q", text="label:N",
    ).transform_calculate(
        label="'median ' + format(datum.median, '.0f') + '%, ' + format(datum.figures, ',d') + ' figures'",
    )
    chart = alt.layer(bar, rule, label).properties(width=WIDTH - 140, height=alt.Step(24),
                                                   title="Outlook: quoted growth per role")
    return _config(chart)


def arrangement_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 4a: the share of job cards that are on-site, hybrid or remote."""
    if data.empty:
        return None
    base = alt.Chart(_records(data)).encode(
        y=alt.Y("arrangement:N", sort=list(data["arrangement"]), title=None),
        tooltip=[alt.Tooltip("arrangement:N", title="Arrangement"), alt.Tooltip("cards:Q", title="Cards"),
                 alt.Tooltip("share:Q", title="Share (%)")],
    )
    bar = base.mark_bar(color="#26a69a", size=20).encode(
        x=alt.X("share:Q", title="Share of job cards (percent)", scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=list(range(0, 101, 10)))),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x="share:Q", text=alt.Text("label:N"),
    ).transform_calculate(label="format(datum.share, '.1f') + '% (' + format(datum.cards, ',d') + ' cards)'")
    chart = alt.layer(bar, text).properties(width=WIDTH, height=alt.Step(30),
                                            title="Remote, hybrid and on-site job cards")
    return _config(chart)


def country_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 4b: job cards per country (most first; the rest and the unknown at the bottom)."""
    if data.empty:
        return None
    base = alt.Chart(_records(data)).encode(
        y=alt.Y("country:N", sort=list(data["country"]), title=None),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("cards:Q", title="Cards")],
    )
    bar = base.mark_bar(color="#ffa726", size=14).encode(
        x=alt.X("cards:Q", title="Job cards (count)", axis=_COUNT),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x="cards:Q", text=alt.Text("cards:Q", format=",d"),
    )
    chart = alt.layer(bar, text).properties(width=WIDTH, height=alt.Step(20), title="Job cards by country")
    return _config(chart)


def survey_chart(bands: pd.DataFrame, levels: pd.DataFrame) -> Spec | None:
    """Chart 5: where card midpoints fall among the survey's percentiles, and medians per level."""
    if bands.empty:
        return None
    base = alt.Chart(_records(bands)).encode(
        x=alt.X("band:N", sort=list(bands["band"]), title="Card midpoint within the survey's distribution",
                axis=alt.Axis(labelAngle=0)),
    )
    observed = base.mark_bar(color="#ab47bc").encode(
        y=alt.Y("share:Q", title="Share of matched cards (percent)"),
        tooltip=[alt.Tooltip("band:N", title="Band"), alt.Tooltip("cards:Q", title="Cards"),
                 alt.Tooltip("share:Q", title="Share (%)"), alt.Tooltip("expected:Q", title="Expected (%)")],
    )
    expected = base.mark_tick(color="#212121", thickness=3, size=60).encode(y="expected:Q")
    left = alt.layer(observed, expected).properties(
        width=WIDTH, height=200, title="Cards by survey percentile band (black tick: the survey's share)",
    )
    if levels.empty:
        return _config(left)
    right = alt.Chart(_records(levels)).mark_point(filled=True, size=90).encode(
        y=alt.Y("level:N", sort=list(dict.fromkeys(levels["level"])), title=None),
        x=alt.X("usd:Q", title="Median (USD per year)", axis=_USD),
        color=alt.Color("source:N", title=None, legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("source:N", title=None),
        tooltip=[alt.Tooltip("level:N", title="Level"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("usd:Q", title="Median USD", format="$,.0f")],
    ).properties(width=WIDTH, height=alt.Step(36), title="Job-card midpoint vs survey median, by level")
    return _config(alt.vconcat(left, right, spacing=30))


def outcomes_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 6a: documents by outcome; quarantined ones split by stage and reason."""
    if data.empty:
        return None
    present = [outcome for outcome in _OUTCOME_COLORS if outcome in set(data["outcome"])]
    base = alt.Chart(_records(data)).encode(
        y=alt.Y("detail:N", sort=list(data["detail"]), title=None),
        tooltip=[alt.Tooltip("outcome:N", title="Outcome"), alt.Tooltip("detail:N", title="Detail"),
                 alt.Tooltip("documents:Q", title="Documents")],
    )
    bar = base.mark_bar(size=14).encode(
        x=alt.X("documents:Q", title="Documents (count)", axis=_COUNT),
        color=alt.Color("outcome:N", title="Outcome", legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=present, range=[_OUTCOME_COLORS[o] for o in present])),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x="documents:Q", text=alt.Text("documents:Q", format=",d"),
    )
    chart = alt.layer(bar, text).properties(width=WIDTH, height=alt.Step(20),
                                            title="Run health: documents by outcome")
    return _config(chart)


def runs_chart(data: pd.DataFrame) -> Spec | None:
    """Chart 6b: the recent runs, documents read and seconds taken, one bar per run, oldest left."""
    if data.empty:
        return None
    order = list(data["run_id"])
    base = alt.Chart(_records(data)).encode(
        x=alt.X("run_id:N", sort=order, title="Run (oldest left)",
                axis=alt.Axis(labelExpr="''", ticks=False)),
        tooltip=[alt.Tooltip("started:N", title="Started (UTC)"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("documents:Q", title="Documents"), alt.Tooltip("seconds:Q", title="Seconds")],
        color=alt.Color("status:N", title="Status", legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["ok", "unchanged", "failed", "interrupted"],
                                        range=["#2f7d32", "#8d99ae", "#c62828", "#ef6c00"])),
    )
    documents = base.mark_bar().encode(y=alt.Y("documents:Q", title="Documents read (count)")).properties(
        width=WIDTH // 2 - 40, height=160, title="Documents per run",
    )
    seconds = base.mark_bar().encode(y=alt.Y("seconds:Q", title="Run time (seconds)")).properties(
        width=WIDTH // 2 - 40, height=160, title="Seconds per run",
    )
    return _config(alt.hconcat(documents, seconds, spacing=40))
