"""Bundled article 4: AI Product Manager vs. Data Scientist, a 2024 page with variant headings.

Why its own module: this sample carries ``Label: text`` list items, suffixed role
headings with a colon (``AI Product Manager Responsibilities:``) and heading synonyms
(``Education``, ``Job Outlook``). Its text is self-contained; only the shared job card comes
from :mod:`pipeline.corpus.articles.cards`.
"""

from __future__ import annotations

from datetime import date

from pipeline.corpus.articles.cards import NORTHWIND_SENIOR_DE
from pipeline.corpus.specs import ArticleSpec, JobCard, Presentation, RoleContent, Tip

# --- 4. 2024, labelled items, suffixed role headings, heading synonyms ---------------------
AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST = ArticleSpec(
    role_a=RoleContent(
        name="AI Product Manager",
        definition=(
            "An AI Product Manager owns the direction of products that rely on machine learning. They "
            "decide which problems are worth solving, set success metrics, weigh model quality "
            "against cost and risk, and coordinate engineers, designers and legal reviewers until a "
            "feature ships."
        ),
        responsibilities=(
            "Roadmap: Rank AI opportunities by user value, feasibility and risk.",
            "Requirements: Write product specs that include data needs and evaluation criteria.",
            "Launch: Plan staged rollouts with guardrails and human review where needed.",
            "Feedback: Track adoption, quality complaints and business impact after release.",
        ),
        required_skills=(
            "Product Sense: Judge which problems users will pay to have solved.",
            "AI Literacy: Understand model behaviour, failure modes and evaluation.",
            "Stakeholder Management: Align teams whose goals conflict.",
            "Data Fluency: Read dashboards and ask sharp questions about them.",
        ),
        education=(
            "Degree: Business, engineering or computer science.",
            "Experience: Earlier work as an engineer, analyst or product manager.",
            "Courses: Short programmes on machine learning for product leaders.",
        ),
        tools=(
            "Jira or Linear",
            "Figma for reviewing design prototypes",
            "Amplitude or Mixpanel for product analytics",
            "Model evaluation dashboards",
        ),
        industries=(
            "Consumer apps",
            "Enterprise software",
            "Fintech",
            "Health technology",
        ),
    ),
    role_b=RoleContent(
        name="Data Scientist",
        definition=(
            "A Data Scientist uses statistics and machine learning to find patterns and make "
            "predictions. They frame questions as experiments or models, test ideas on historical "
            "data and explain what the evidence does and does not support."
        ),
        responsibilities=(
            "Exploration: Profile datasets and surface useful signals.",
            "Modelling: Build and validate predictive models.",
            "Experimentation: Design A/B tests and analyse their outcomes.",
            "Communication: Present results and their limits to decision makers.",
        ),
        required_skills=(
            "Statistics: Hypothesis testing, regression and causal inference.",
            "Programming: Python or R for analysis and modelling.",
            "Machine Learning: Supervised and unsupervised methods.",
            "Storytelling: Turn an analysis into a clear recommendation.",
        ),
        education=(
            "Degree: Statistics, mathematics, computer science or physics.",
            "Graduate Study: A master's degree is common; a PhD helps in research teams.",
            "Portfolio: Public notebooks or competition results.",
        ),
        tools=(
            "Python with pandas, scikit-learn and statsmodels",
            "Jupyter notebooks",
            "SQL warehouses",
            "Experimentation platforms such as GrowthBook",
        ),
        industries=(
            "Insurance",
            "Retail",
            "Telecommunications",
            "Sports analytics",
            "Energy",
        ),
    ),
    subtitle="A Comprehensive Comparison between AI Product Manager and Data Scientist Roles",
    read_minutes=6,
    published=date(2024, 11, 12),
    intro=(
        "AI features only reach users when someone decides what to build and someone else shows that "
        "it will work. In many companies those people are the AI Product Manager and the Data "
        "Scientist. This article compares the two roles side by side, from daily responsibilities to "
        "tools, salaries and first steps.",
    ),
    outlook=(
        "Employment of data scientists is projected to grow 35 percent from 2022 to 2032, one of the "
        "fastest rates of any occupation. AI product management is too new to have a category of its "
        "own, but postings that ask for both product and machine learning experience have multiplied "
        "as companies add generative features to existing products.",
    ),
    tips=(
        Tip("Start from a metric", "Pick one product metric you care about and learn how it is measured "
            "from end to end."),
        Tip("Read model cards", "Model documentation shows how teams describe limitations and intended "
            "use."),
        Tip("Run a small experiment", "Design, launch and analyse a simple A/B test, even on a personal "
            "website."),
        Tip("Pair with the other role", "Data scientists and product managers learn quickly from each "
            "other, so sit in on each other's reviews."),
    ),
    tips_leadin="Whichever side you choose, these first steps are worth taking:",
    conclusion=(
        "By understanding where the AI Product Manager's judgment ends and the Data Scientist's "
        "evidence begins, you can choose the role that fits your strengths. Product-minded "
        "communicators tend to enjoy the first; curious, quantitative problem solvers often prefer "
        "the second."
    ),
    jobs=(
        NORTHWIND_SENIOR_DE,
        JobCard("AI Product Manager", "Tessellate AI", "New York, NY",
                ("Full Time",), "Senior-level / Expert", "USD 170K - 210K", 73005),
        JobCard("Data Scientist, Growth", "Bluepine Retail", "Remote",
                ("Full Time",), "Mid-level / Intermediate", "USD 115K - 140K", 73012),
        JobCard("Chief AI Officer", "Oakhurst Capital", "Chicago, IL",
                ("Full Time",), "Executive-level / Director", "USD 1M - 1.5M", 73040),
        JobCard("Product Data Science Intern", "Tessellate AI", "New York, NY",
                ("Full Time", "Internship"), "Entry-level / Junior", "USD 50K - 70K", 73041),
    ),
    salary_roles=("AI Product Manager", "Data Scientist", "Product Manager"),
    slug="ai-product-manager-vs-data-scientist",
    presentation=Presentation(
        role_heading_suffix=True,
        role_heading_colon=True,
        headings=(("education", "Education"), ("tools", "Tools and Technologies"),
                  ("outlook", "Job Outlook")),
    ),
)
