"""The data each chart is drawn from: one pure function per chart, tables in, a small frame out.

Why separate from drawing: the numbers in the page must equal the tables, and a function
that returns a few aggregated rows can be tested against the tables directly. Aggregating
here also keeps the page small: a chart never embeds raw rows, so a 20,000-document corpus
draws from the same few hundred numbers as the samples.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import pycountry

from pipeline.tables.schema import SENIORITY_CODES, SENIORITY_LABELS

TECH_KINDS = ("language", "framework", "library", "tool", "cloud", "database", "platform")
"""Mention kinds counted as tools, languages and frameworks (skills, degrees and industries are not)."""

SKILL_KINDS = (*TECH_KINDS, "skill", "certification")
"""Kinds of ``job_skills`` terms charted as skills and tools (degrees, fields, industries are not)."""

ARRANGEMENTS = {0: "On-site", 50: "Hybrid", 100: "Remote"}
"""``job_cards.remote_ratio`` -> the words on the chart, in the order drawn."""

SURVEY_BANDS = ((0, 10, "below p10"), (10, 25, "p10 to p25"), (25, 50, "p25 to p50"), (50, 75, "p50 to p75"),
                (75, 90, "p75 to p90"), (90, 100.01, "above p90"))
"""Where a card's midpoint falls in its survey distribution, as the survey's own percentile bands."""


def _level_label(code: str) -> str:
    return dict(zip(SENIORITY_CODES, SENIORITY_LABELS, strict=True)).get(code, code)


def salary_midpoints(cards: pd.DataFrame) -> pd.DataFrame:
    """Cards with a usable annual USD salary: ``seniority`` and ``midpoint_usd``.

    The midpoint of an open range (``120K+``, no maximum) is its minimum. Cards flagged
    implausible, missing or unparsed, or without a USD amount or a seniority, are left out.
    """
    ok = cards[(cards["salary_flag"] == "ok") & cards["salary_min_usd"].notna() & cards["seniority"].notna()]
    low = ok["salary_min_usd"].astype(float)
    high = ok["salary_max_usd"].astype(float).fillna(low)
    return pd.DataFrame({"seniority": ok["seniority"].astype(str), "midpoint_usd": (low + high) / 2})


def _box(values: pd.Series) -> dict[str, float]:
    """Quartiles and Tukey whiskers (the furthest values within 1.5 IQR of the box)."""
    q1, median, q3 = (float(values.quantile(q)) for q in (0.25, 0.5, 0.75))
    reach = 1.5 * (q3 - q1)
    inside = values[(values >= q1 - reach) & (values <= q3 + reach)]
    return {
        "low": float(inside.min()), "q1": q1, "median": median, "q3": q3, "high": float(inside.max()),
        "outliers": int(len(values) - len(inside)),
    }


def salary_by_seniority(cards: pd.DataFrame) -> pd.DataFrame:
    """Chart 1: per seniority level, the card count and the box of salary midpoints (USD a year)."""
    mids = salary_midpoints(cards)
    rows = []
    for code in SENIORITY_CODES:
        values = mids.loc[mids["seniority"] == code, "midpoint_usd"]
        if values.empty:
            continue
        label = f"{_level_label(code)} (n={len(values)})"
        rows.append({"seniority": code, "level": label, "cards": len(values), **_box(values)})
    columns = ["seniority", "level", "cards", "low", "q1", "median", "q3", "high", "outliers"]
    return pd.DataFrame(rows, columns=columns)


def _role_names(roles: pd.DataFrame) -> dict[str, str]:
    return dict(zip(roles["role_key"], roles["name"], strict=True))


def top_tools(mentions: pd.DataFrame, articles: pd.DataFrame, roles: pd.DataFrame, *,
              top: int = 5, max_roles: int = 12) -> pd.DataFrame:
    """Chart 2: per role, the ``top`` tools/languages/frameworks by the comparisons that list them.

    A name counts once per comparison (``article_key``), however many captures or sections
    repeat it. Only the ``max_roles`` roles compared most are drawn (then by key), so a big
    corpus's page stays readable; ties within a role go alphabetically.
    """
    tech = mentions[mentions["kind"].isin(TECH_KINDS) & mentions["role_key"].notna()]
    tech = tech.merge(articles[["article_id", "article_key"]], on="article_id")
    counted = (
        tech.drop_duplicates(["article_key", "role_key", "name"])
        .groupby(["role_key", "name"]).size().rename("comparisons").reset_index()
    )
    columns = ["role_key", "role", "name", "comparisons", "rank"]
    if counted.empty:
        return pd.DataFrame(columns=columns)
    ranked_roles = roles.sort_values(["article_count", "role_key"], ascending=[False, True])["role_key"]
    keep = [key for key in ranked_roles if key in set(counted["role_key"])][:max_roles]
    counted = counted[counted["role_key"].isin(keep)]
    counted = counted.sort_values(["role_key", "comparisons", "name"], ascending=[True, False, True])
    counted["rank"] = counted.groupby("role_key").cumcount() + 1
    names = _role_names(roles)
    counted["role"] = counted["role_key"].map(lambda key: names.get(key, key))
    order = {key: i for i, key in enumerate(keep)}
    counted = counted[counted["rank"] <= top].sort_values(
        ["role_key", "rank"], key=lambda s: s.map(order) if s.name == "role_key" else s
    )
    return counted[columns].reset_index(drop=True)


def top_job_skills(skills: pd.DataFrame, cards: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Chart 6: the skills and tools job pages ask for most, and at which seniority.

    A name is the vocabulary's term, else the skills item as printed; it counts once per job
    (``job_id``) wherever the job's page names it (its skills, tasks or education), when it is
    a skill, a tool, a language or a framework (:data:`SKILL_KINDS`: not a degree). The
    ``top`` names named by most jobs are kept (ties alphabetically), each split by the job
    card's seniority (``Not given`` when the card has none), levels in the contract's order.
    """
    columns = ["name", "level", "level_rank", "jobs", "total"]
    skills = skills[skills["kind"].isin(SKILL_KINDS) | skills["kind"].isna()]  # not degrees, fields
    named = skills.assign(name=skills["term"].where(skills["term"].notna(), skills["skill"]))
    named = named[named["name"].notna()].drop_duplicates(["job_id", "name"])
    if named.empty:
        return pd.DataFrame(columns=columns)
    levels = cards[["job_id", "seniority"]].drop_duplicates("job_id")
    named = named.merge(levels, on="job_id", how="left")
    named["level"] = named["seniority"].map(lambda code: _level_label(code) if isinstance(code, str)
                                            else "Not given")
    totals = named.groupby("name").size()
    ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    keep = [name for name, _ in ranked]
    counted = (named[named["name"].isin(keep)].groupby(["name", "level"]).size()
               .rename("jobs").reset_index())
    order = [_level_label(code) for code in SENIORITY_CODES] + ["Not given"]
    counted["level_rank"] = counted["level"].map(order.index)
    counted["total"] = counted["name"].map(totals)
    position = {name: i for i, name in enumerate(keep)}
    counted = counted.sort_values(["name", "level_rank"],
                                  key=lambda col: col.map(position) if col.name == "name" else col)
    return counted[columns].reset_index(drop=True)


def outlook_by_role(stats: pd.DataFrame, articles: pd.DataFrame, roles: pd.DataFrame, *,
                    max_roles: int = 20) -> pd.DataFrame:
    """Chart 3: per role, how many growth figures are quoted and their lowest, median and highest.

    A figure counts for its role (``role_side`` ``a`` or ``b``), or for both roles of the
    comparison when the outlook section gives it for both (``role_side`` ``both``, as most
    articles quote one figure for the whole field); a figure about neither is left out.
    ``own`` counts the figures quoted for the role alone. The highest uses a range's upper
    bound (``20-25%`` -> 25). Roles are ranked by their median figure; at most ``max_roles``.
    """
    columns = ["role_key", "role", "figures", "own", "lowest", "median", "highest"]
    percent = stats["percent"].astype(float)
    frame = pd.DataFrame({"article_id": stats["article_id"], "role_side": stats["role_side"],
                          "role_key": stats["role_key"], "percent": percent,
                          "upper": stats["percent_max"].astype(float).fillna(percent)})
    own = frame[frame["role_key"].notna()].assign(own=1)
    shared = frame[frame["role_side"] == "both"].drop(columns="role_key").merge(
        articles[["article_id", "role_key_a", "role_key_b"]], on="article_id")
    both = [shared.rename(columns={side: "role_key"}).drop(columns=other).assign(own=0)
            for side, other in (("role_key_a", "role_key_b"), ("role_key_b", "role_key_a"))]
    every = pd.concat([own, *both], ignore_index=True)
    if every.empty:
        return pd.DataFrame(columns=columns)
    grouped = every.groupby("role_key").agg(
        figures=("percent", "size"), own=("own", "sum"), lowest=("percent", "min"),
        median=("percent", "median"), highest=("upper", "max"),
    ).reset_index()
    names = _role_names(roles)
    grouped["role"] = grouped["role_key"].map(lambda key: names.get(key, key))
    grouped["own"] = grouped["own"].astype(int)
    grouped = grouped.sort_values(["median", "highest", "role_key"], ascending=[False, False, True])
    return grouped[columns].head(max_roles).reset_index(drop=True)


def work_arrangement(cards: pd.DataFrame) -> pd.DataFrame:
    """Chart 4a: job cards on-site, hybrid and remote, as counts and shares (percent, summing to 100)."""
    counts = cards["remote_ratio"].dropna().astype(int).value_counts()
    total = int(counts.sum())
    rows = [
        {"arrangement": label, "cards": int(counts.get(ratio, 0)),
         "share": round(100 * int(counts.get(ratio, 0)) / total, 1) if total else 0.0}
        for ratio, label in ARRANGEMENTS.items()
    ]
    return pd.DataFrame(rows if total else [], columns=["arrangement", "cards", "share"])


def country_name(code: str) -> str:
    """``DE`` -> ``Germany (DE)``; an unknown code is shown as it is."""
    country = pycountry.countries.get(alpha_2=code)
    name = getattr(country, "common_name", None) or getattr(country, "name", None)
    return f"{name} ({code})" if name else code


def cards_by_country(cards: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Chart 4b: job cards per country, the ``top`` countries and then the rest in one bar.

    A card with no known country (a remote job open anywhere, an unresolved place) is
    counted as ``No country``, so the bars add up to every card.
    """
    codes = cards["country_code"].astype(object).where(cards["country_code"].notna(), None)
    counts = codes.dropna().value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    rows = [{"country": country_name(str(code)), "cards": int(n)} for code, n in counts.head(top).items()]
    rest = counts.iloc[top:]
    if not rest.empty:
        rows.append({"country": f"{len(rest)} other countries", "cards": int(rest.sum())})
    unknown = int(codes.isna().sum())
    if unknown:
        rows.append({"country": "No country", "cards": unknown})
    return pd.DataFrame(rows, columns=["country", "cards"])


def has_survey(cards: pd.DataFrame, survey: pd.DataFrame) -> bool:
    """A survey was loaded: its table has rows and some card was matched to it."""
    needed = {"survey_p50_usd", "survey_percentile"}
    return (not survey.empty and needed <= set(cards.columns)
            and bool(cards["survey_percentile"].notna().any()))


def _percent_scale(values: pd.Series) -> pd.Series:
    """Percentiles as 0-100 (a 0-1 fraction is scaled up)."""
    values = values.astype(float)
    return values * 100 if not values.empty and values.max() <= 1.0 else values


def survey_bands(cards: pd.DataFrame) -> pd.DataFrame:
    """Chart 5a: cards by where their midpoint falls in the survey's distribution (percentile band).

    A market that pays like the survey puts about 10, 15, 25, 25, 15 and 10 percent of the
    cards in the six bands; the expected share is returned beside the observed one.
    """
    columns = ["band", "order", "cards", "share", "expected"]
    if "survey_percentile" not in cards.columns:
        return pd.DataFrame(columns=columns)
    pct = _percent_scale(cards["survey_percentile"].dropna())
    total = len(pct)
    if not total:
        return pd.DataFrame(columns=columns)
    rows = []
    for order, (low, high, band) in enumerate(SURVEY_BANDS):
        n = int(((pct >= low) & (pct < high)).sum())
        rows.append({"band": band, "order": order, "cards": n, "share": round(100 * n / total, 1),
                     "expected": float(min(high, 100) - low)})
    return pd.DataFrame(rows, columns=columns)


def survey_levels(cards: pd.DataFrame) -> pd.DataFrame:
    """Chart 5b: per seniority, the median card midpoint beside the median survey p50 (USD a year)."""
    columns = ["seniority", "level", "cards", "source", "usd"]
    if "survey_p50_usd" not in cards.columns:
        return pd.DataFrame(columns=columns)
    matched = cards[cards["survey_p50_usd"].notna()]
    mids = salary_midpoints(matched).join(matched["survey_p50_usd"].astype(float))
    rows: list[dict[str, Any]] = []
    for code in SENIORITY_CODES:
        level = mids[mids["seniority"] == code]
        if level.empty:
            continue
        label = f"{_level_label(code)} (n={len(level)})"
        for source, values in (("Job cards (midpoint)", level["midpoint_usd"]),
                               ("Survey (p50)", level["survey_p50_usd"])):
            rows.append({"seniority": code, "level": label, "cards": len(level), "source": source,
                         "usd": float(values.median())})
    return pd.DataFrame(rows, columns=columns)


def outcomes(manifest: Mapping[str, Any] | None, quarantine: pd.DataFrame) -> pd.DataFrame:
    """Chart 6a: documents by outcome: parsed, duplicate, and quarantined by stage and reason.

    The quarantine counts come from the ``quarantine`` table (so they equal it). The
    manifest's documents and duplicates give the rest: parsed is every document read that is
    neither a byte-identical copy nor quarantined (articles and listing pages). A removed or
    kept document (incremental runs) is shown when there are any.
    """
    inputs = (manifest or {}).get("inputs", {})
    refused = int(quarantine["source_uri"].nunique())
    parsed = max(int(inputs.get("documents", 0)) - int(inputs.get("duplicates", 0)) - refused, 0)
    duplicates = int(inputs.get("duplicates", 0))
    rows = [{"outcome": "parsed", "detail": "parsed", "documents": parsed},
            {"outcome": "duplicate", "detail": "byte-identical copy", "documents": duplicates}]
    for key, label in (("removed", "removed from input"), ("kept", "kept after removal")):
        if inputs.get(key):
            rows.append({"outcome": key, "detail": label, "documents": int(inputs[key])})
    grouped = quarantine.groupby(["stage", "reason"]).size().reset_index(name="documents")
    rows += [{"outcome": "quarantined", "detail": f"{row.stage}: {row.reason}",
              "documents": int(row.documents)} for row in grouped.itertuples()]
    frame = pd.DataFrame(rows, columns=["outcome", "detail", "documents"])
    if not manifest and quarantine.empty:
        return frame.iloc[0:0]
    return frame


def recent_runs(runs: list[dict[str, Any]], *, last: int = 20) -> pd.DataFrame:
    """Chart 6b: the last ``last`` runs of ``_runs.jsonl``: status, documents read and seconds taken."""
    rows = []
    for record in runs[-last:]:
        inputs = record.get("inputs") or {}
        started = str(record.get("started_at") or "")
        rows.append({
            "run_id": str(record.get("run_id", "")),
            "started": started.replace("T", " ")[:16],
            "status": str(record.get("status", "")),
            "documents": int(inputs.get("documents", 0)),
            "seconds": float(record.get("seconds") or 0.0),
        })
    return pd.DataFrame(rows, columns=["run_id", "started", "status", "documents", "seconds"])


def headline(articles: pd.DataFrame, roles: pd.DataFrame, cards: pd.DataFrame,
             quarantine: pd.DataFrame, manifest: Mapping[str, Any] | None) -> dict[str, Any]:
    """The numbers above the charts, counted from the tables, with the run's time and date."""
    manifest = manifest or {}
    return {
        "articles": len(articles),
        "comparisons": int(articles["article_key"].nunique()),
        "roles": len(roles),
        "job_cards": len(cards),
        "quarantined": len(quarantine),
        "finished_at": manifest.get("finished_at"),
        "seconds": manifest.get("seconds"),
        "documents": (manifest.get("inputs") or {}).get("documents"),
    }
