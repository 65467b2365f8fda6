"""The data dictionary (``docs/schema.md``): every table of :mod:`pipeline.tables.schema` with an
example value per column.

Why apart from the schema: the contract is the tables and their columns; this is one view of
it, generated from :data:`pipeline.tables.schema.TABLES` (``rolescope schema``, ``make docs``), and
its examples would otherwise make the contract module the longest of the code.
"""

from __future__ import annotations

from pipeline.tables.schema import TABLES

EXAMPLES: dict[str, str] = {
    # One example value per column name, as it would print in CSV; shared names share one.
    "article_id": "1d36101e9d17c6eb", "article_key": "ai-architect-vs-data-engineer",
    "source_uri": "2024/ai-architect-vs-data-engineer.txt", "source_format": "html",
    "content_sha256": "1d36101e9d17c6eb53e0…(64 hex)",
    "url": "https://aijobs.net/insights/ai-architect-vs-data-engineer",
    "slug": "ai-architect-vs-data-engineer", "title": "AI Architect vs. Data Engineer",
    "role_a": "AI Architect",
    "role_b": "Data Engineer", "role_key_a": "ai-architect", "role_key_b": "data-engineer",
    "subtitle": "AI Architect vs Data Engineer: A Comprehensive Comparison", "read_minutes": "4",
    "published_date": "2024-10-30", "intro": "Two roles shape how companies build with AI…",
    "encoding_repaired": "true", "encoding": "utf-8", "decode_errors": "0", "truncated": "false",
    "parser_version": "1.2.0",
    "position": "1", "section": "responsibilities", "heading": "Responsibilities", "role_side": "a",
    "role": "AI Architect", "role_key": "ai-architect",
    "text": "Design system architectures.\nReview models.",
    "section_position": "3", "job_id": "298bef88f81534b3", "company": "Example Corp",
    "location": "Remote (anywhere in the U.S.)", "is_remote": "true",
    "employment_types": "full_time;internship",
    "seniority": "SE", "seniority_text": "Senior-level / Expert", "seniority_label": "Senior-level / Expert",
    "employment_type_code": "FT", "salary_currency": "USD", "salary_min": "120000", "salary_max": "150000",
    "salary_period": "year", "salary_is_estimate": "false", "salary_min_annual": "120000",
    "salary_max_annual": "150000", "salary_min_usd": "120000", "salary_max_usd": "150000",
    "salary_text": "USD 120K - 150K", "salary_flag": "ok", "city": "Seattle", "region": "US-WA",
    "country_code": "US", "remote_scope": "US", "remote_ratio": "100", "locations": "New York, NY;Remote",
    "first_seen": "2023-12-06", "last_seen": "2024-10-30", "seen_date": "2024-10-30", "scope": "global",
    "name": "MLflow", "article_count": "12", "kind": "tool", "surface": "MLFlow", "count": "2",
    "percent": "15.0", "percent_max": "25.0", "start_year": "2019", "end_year": "2029",
    "horizon": "next decade", "source": "Bureau of Labor Statistics",
    "sentence": "Employment is projected to grow 15 percent from 2019 to 2029.", "stage": "parse",
    "page_uri": "https://aijobs.net/insights/ai-architect-vs-data-engineer", "page_kind": "article",
    "featured": "true", "age_text": "3d ago", "age_hours": "72.0",
    "job_url": "https://aijobs.net/hiring/jobs/senior-data-scientist-12345/",
    "fx_rate": "1.0824", "fx_year": "2024", "fx_missing": "not_quoted", "survey_p50_usd": "185000",
    "survey_percentile": "42.5", "survey_scope": "country", "experience_level": "SE",
    "company_location": "US", "work_year": "2024", "p10_usd": "98000.0", "p25_usd": "140000.0",
    "p50_usd": "185000.0", "p75_usd": "230000.0", "p90_usd": "280000.0",
    "skill": "Python", "term": "Python",
    "job_details.section": "skills", "job_details.heading": "Skills/Tech-stack", "job_details.text": "Python",
    "job_skills.section": "skills", "job_skills.kind": "language", "job_skills.surface": "Python",
    "reason": "not_an_article", "detail": "no 'A vs. B' title in the first blocks",
    # where one name means another thing in another table
    "job_cards.title": "Senior Machine Learning Engineer", "roles.name": "AI Architect",
}
"""An example value for every column (a test checks that none is missing)."""


def data_dictionary() -> str:
    """The data dictionary as Markdown, generated from :data:`TABLES` (kept in docs/)."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from `pipeline/tables/schema.py` by `rolescope schema --output docs/schema.md`;",
        "do not edit by hand (a test keeps it in sync).",
        "Each table is written as `OUT/<table>.parquet` and `OUT/csv/<table>.csv` (UTF-8, header row;",
        "list columns are `;`-joined in CSV; dates are ISO `YYYY-MM-DD`; booleans `true`/`false`).",
        "In CSV only, a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a",
        "leading `'` so that a spreadsheet shows it as text instead of running it as a formula",
        "(setting `csv_formula_escape`, on by default); the Parquet files always hold the values as",
        "they are. In Parquet, code columns (those with a fixed set of values) are stored",
        "dictionary-encoded and every file carries pandas metadata: plain `pd.read_parquet` gives",
        "nullable `Int64`/`Int32` and `boolean` columns and categoricals (`pipeline.load` also puts",
        "the categories in the schema's order).",
        "",
    ]
    for table in TABLES.values():
        lines += [f"## `{table.name}`", "", table.doc, ""]
        lines += [f"Rows are ordered by {', '.join(f'`{k}`' for k in table.sort_key)}.", ""]
        lines += ["| column | type | null | meaning | example |", "|---|---|---|---|---|"]
        for col in table.columns:
            doc = col.doc
            if col.values:
                doc += " One of: " + ", ".join(f"`{v}`" for v in col.values) + "."
            example = EXAMPLES.get(f"{table.name}.{col.name}", EXAMPLES.get(col.name, ""))
            example = example.replace("|", "/").replace("\n", "\\n")
            lines.append(
                f"| {col.name} | {col.type} | {'yes' if col.nullable else 'no'} | {doc.replace('|', '/')} "
                f"| `{example}` |"
            )
        lines.append("")
    return "\n".join(lines)
