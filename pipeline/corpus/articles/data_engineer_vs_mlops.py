"""Bundled article 1: Data Engineer vs. MLOps Engineer, a clean 2024 page.

Why its own module: this is the baseline sample, the site's 2024 layout with the default
:class:`~pipeline.corpus.specs.Presentation` (labelled definitions, per-role bullets,
numbered ``Label: text`` tips). Its text is self-contained; only the shared job card comes
from :mod:`pipeline.corpus.articles.cards`.
"""

from __future__ import annotations

from datetime import date

from pipeline.corpus.articles.cards import NORTHWIND_SENIOR_DE
from pipeline.corpus.specs import ArticleSpec, JobCard, RoleContent, Tip

# --- 1. 2024 clean, labelled, bulleted ----------------------------------------------------
DATA_ENGINEER_VS_MLOPS = ArticleSpec(
    role_a=RoleContent(
        name="Data Engineer",
        definition=(
            "A Data Engineer builds and runs the systems that collect, store and reshape an "
            "organisation's data. They write ingestion jobs, model warehouse tables and make sure "
            "that analysts and scientists can trust the numbers they query."
        ),
        responsibilities=(
            "Design batch and streaming pipelines that pull data from operational systems.",
            "Model warehouse and lakehouse tables for reporting and feature generation.",
            "Write data quality checks and alert on late or missing loads.",
            "Tune storage layouts and queries so that compute bills stay predictable.",
            "Document datasets so downstream teams know what every column means.",
        ),
        required_skills=(
            "Fluent SQL and sound data modelling habits.",
            "Python or Scala for pipeline code.",
            "Practical knowledge of distributed engines such as Spark or Flink.",
            "Understanding of scheduling, retries and idempotent job design.",
            "Familiarity with cloud object storage and warehouse services.",
        ),
        education=(
            "Bachelor's degree in computer science, information systems or software engineering.",
            "Vendor certificates for a major cloud data platform, useful in consulting roles.",
            "Self-taught engineers with a convincing portfolio of pipelines are hired too.",
        ),
        tools=(
            "Apache Spark, Flink and Kafka",
            "Airflow, Dagster or Prefect for orchestration",
            "dbt for in-warehouse transformations",
            "Snowflake, BigQuery or Redshift",
            "Great Expectations for data tests",
        ),
        industries=(
            "E-commerce and retail",
            "Banking and insurance",
            "Media and streaming",
            "Logistics and transport",
        ),
    ),
    role_b=RoleContent(
        name="MLOps Engineer",
        definition=(
            "An MLOps Engineer turns machine learning prototypes into dependable services. They "
            "automate training and release, keep track of model versions and watch accuracy, "
            "latency and cost once a model serves real traffic."
        ),
        responsibilities=(
            "Build CI/CD workflows that test, package and release trained models.",
            "Operate feature stores, model registries and experiment trackers.",
            "Monitor deployed models for drift, errors and slow responses.",
            "Automate retraining when fresh labelled data arrives.",
            "Agree access rules for models and training data with the security team.",
        ),
        required_skills=(
            "Working knowledge of the machine learning lifecycle, from training to serving.",
            "Containers and orchestration with Docker and Kubernetes.",
            "Infrastructure as code with Terraform or Pulumi.",
            "Python plus shell scripting for automation.",
            "Observability practice: metrics, logs, traces and alerting.",
        ),
        education=(
            "Bachelor's or Master's degree in computer science or a related engineering field.",
            "Earlier experience as a DevOps, platform or machine learning engineer.",
            "Kubernetes or cloud certifications as a useful extra signal.",
        ),
        tools=(
            "MLflow and Weights & Biases",
            "Kubeflow, SageMaker or Vertex AI pipelines",
            "Docker, Kubernetes and Helm",
            "Prometheus and Grafana",
            "GitHub Actions or GitLab CI",
        ),
        industries=(
            "Software and cloud services",
            "Fintech and fraud prevention",
            "Healthcare technology",
            "Robotics and autonomous systems",
            "Online advertising",
        ),
    ),
    subtitle="Data Engineer vs MLOps Engineer: A Comprehensive Comparison",
    read_minutes=4,
    published=date(2024, 10, 30),
    intro=(
        "Data platforms and machine learning systems now sit side by side in most engineering "
        "departments, and two job titles keep appearing in the hiring plans that support them: Data "
        "Engineer and MLOps Engineer. Both write production code and both care about reliability, "
        "yet one moves and shapes data while the other keeps models trained, shipped and watched. "
        "This guide puts the two roles next to each other so you can see where they meet and where "
        "they part ways.",
    ),
    outlook=(
        "Hiring for both roles remains strong. Most data engineering work falls under database "
        "architects, whose employment is projected to grow 8 percent from 2022 to 2032, while many "
        "MLOps positions are counted with software developers, projected to grow 25 percent over the "
        "same period. Demand for people who can run models in production has climbed fastest at "
        "companies that moved from experiments to customer-facing AI features.",
    ),
    tips=(
        Tip("Learn SQL deeply", "Nearly every data or ML platform speaks SQL somewhere, and being fast "
            "and exact with it pays off in both roles."),
        Tip("Ship a small pipeline end to end", "Load a public dataset on a schedule, test it and put a "
            "dashboard or an API on top of it."),
        Tip("Deploy a model you did not train", "Wrap an open-source model in a service, add monitoring "
            "and find out what breaks under load."),
        Tip("Get comfortable with the cloud", "Free tiers are enough to practise storage, compute, "
            "permissions and budget alerts."),
        Tip("Read incident reports", "Public postmortems teach more about reliability than most "
            "tutorials do."),
    ),
    tips_leadin="A few concrete steps will help you get started in either role:",
    conclusion=(
        "By understanding how a Data Engineer and an MLOps Engineer divide the work, you can pick "
        "the path that suits you: shaping the data a company runs on, or keeping its models healthy "
        "in production. Both reward engineers who enjoy automation and who take ownership of systems "
        "that other people depend on."
    ),
    jobs=(
        NORTHWIND_SENIOR_DE,
        JobCard("MLOps Engineer", "Brightline Robotics", "Munich, Germany",
                ("Full Time",), "Mid-level / Intermediate", "EUR 70K - 90K", 40203),
        JobCard("Machine Learning Platform Lead", "Calder Health", "Boston, MA",
                ("Full Time",), "Executive-level / Director", "USD 210K+", 40311),
        JobCard("Data Platform Intern", "Tessellate AI", "Austin, Texas, USA",
                ("Full Time", "Internship"), "Entry-level / Junior", "USD 45K - 60K", 40388),
        JobCard("Staff Data Engineer", "Kestrel Payments", "London, UK",
                ("Full Time",), "Senior-level / Expert", "GBP 95K - 120K", 40412),
    ),
    salary_roles=("Data Engineer", "MLOps Engineer", "Platform Engineer"),
    slug="data-engineer-vs-mlops-engineer",
)
