"""Bundled article 3: Data Analyst vs. Analytics Engineer, a 2024 page with é, – and ’.

Why its own module: this sample is the source of the legacy cp1252 page, so its text
deliberately holds characters outside ASCII (accented letters, en dashes, curly
apostrophes). Its text is self-contained and shares nothing with the other articles.
"""

from __future__ import annotations

from datetime import date

from pipeline.corpus.specs import ArticleSpec, JobCard, RoleContent, Tip

# --- 3. 2024 clean with é, – and ’ (the legacy cp1252 page) --------------------------------
DATA_ANALYST_VS_ANALYTICS_ENGINEER = ArticleSpec(
    role_a=RoleContent(
        name="Data Analyst",
        definition=(
            "A Data Analyst turns raw numbers into decisions. They explore datasets, build reports "
            "and dashboards, and explain trends to managers who need a clear recommendation rather "
            "than another table."
        ),
        responsibilities=(
            "Translate stakeholder questions into measurable metrics.",
            "Query and combine data from the warehouse and from spreadsheets.",
            "Build dashboards and recurring reports.",
            "Read out A/B tests and explain what the results mean.",
            "Present findings with clear charts and a short narrative.",
        ),
        required_skills=(
            "Confident SQL and spreadsheet skills.",
            "Descriptive statistics and experiment basics.",
            "Data visualisation and storytelling.",
            "Business sense for the domain – sales, marketing or operations.",
        ),
        education=(
            "Bachelor’s degree in economics, statistics, business or a related field.",
            "Online analytics certificates, which employers widely accept.",
            "A strong portfolio or résumé with real projects in place of formal credentials.",
        ),
        tools=(
            "Excel and Google Sheets",
            "Tableau, Power BI or Looker",
            "SQL clients such as DBeaver",
            "Python with pandas for ad-hoc work",
        ),
        industries=(
            "Retail and consumer goods",
            "Marketing agencies",
            "Healthcare administration",
            "Government and non-profits",
        ),
    ),
    role_b=RoleContent(
        name="Analytics Engineer",
        definition=(
            "An Analytics Engineer sits between data engineering and analysis. They shape warehouse "
            "data into clean, well-named models, write tests and documentation, and bring software "
            "habits such as version control and code review to analytics work."
        ),
        responsibilities=(
            "Model raw tables into reusable fact and dimension tables.",
            "Maintain a metrics layer so every team counts revenue the same way.",
            "Write automated tests for freshness, uniqueness and accepted values.",
            "Review pull requests from analysts.",
            "Keep data documentation and lineage up to date.",
        ),
        required_skills=(
            "Advanced SQL, including window functions and incremental models.",
            "Git workflows and code review.",
            "Dimensional modelling.",
            "Some Python or Jinja templating.",
        ),
        education=(
            "Bachelor’s degree in a quantitative or technical subject.",
            "A start as an analyst, with engineering learned on the job.",
        ),
        tools=(
            "dbt",
            "Snowflake, BigQuery or Databricks SQL",
            "Git and GitHub",
            "Airflow or Dagster for scheduling",
            "Data catalogues such as DataHub",
        ),
        industries=(
            "Software-as-a-service companies",
            "Fintech",
            "Marketplaces and e-commerce",
            "Media companies with subscription products",
        ),
    ),
    subtitle="Data Analyst vs. Analytics Engineer: Understanding the Key Differences",
    read_minutes=4,
    published=date(2024, 9, 5),
    intro=(
        "Analytics teams have split into two closely related jobs. The Data Analyst answers business "
        "questions with data, and the Analytics Engineer builds the tested, documented models those "
        "answers rest on. The roles share tools and vocabulary, so the line between them can look "
        "blurry from the outside; this comparison makes it sharper.",
    ),
    outlook=(
        "Employment of operations research analysts, a category close to many data analyst jobs, is "
        "projected to grow 23 percent from 2022 to 2032, and analytics engineering has become a "
        "standard title at data-mature companies during the 2019–2024 period. Entry-level analyst "
        "openings are plentiful, while analytics engineer postings usually ask for a year or two of "
        "SQL experience.",
    ),
    tips=(
        Tip("Master one BI tool", "Pick the dashboard tool your target industry uses most and build "
            "three polished reports with it."),
        Tip("Learn to test data", "Even analysts benefit from simple uniqueness and null checks before "
            "they share numbers."),
        Tip("Version your SQL", "Keep queries in a Git repository; it’s the habit that most clearly "
            "separates analytics engineers from analysts."),
        Tip("Write for non-specialists", "Practise summarising a chart in two sentences that a busy "
            "manager will actually read."),
        Tip("Put outcomes on your résumé", "List the decisions your analysis changed, not just the "
            "tools you used."),
    ),
    tips_leadin="These habits will help whichever of the two roles you aim for:",
    conclusion=(
        "By understanding how Data Analysts and Analytics Engineers share the analytics workload, "
        "you can decide whether you would rather answer questions or build the foundations that make "
        "the answers trustworthy. Many people do both over a career, and moving from one to the other "
        "is a common, well-trodden path."
    ),
    jobs=(
        JobCard("Analytics Engineer", "Société Dupré Conseil", "Paris, France",
                ("Full Time",), "Mid-level / Intermediate", "EUR 55K - 68K", 62001),
        JobCard("Senior Data Analyst", "Marlowe & Finch", "Manchester, UK",
                ("Full Time",), "Senior-level / Expert", "GBP 50K - 62K", 62019),
        JobCard("Data Analyst", "Bluepine Retail", "Remote",
                ("Full Time",), "Entry-level / Junior", "USD 58K", 62044),
        JobCard("Head of Analytics", "Kestrel Payments", "London, UK",
                ("Full Time",), "Executive-level / Director", "GBP 120K+", 62070),
    ),
    salary_roles=("Data Analyst", "Analytics Engineer"),
    slug="data-analyst-vs-analytics-engineer",
)
