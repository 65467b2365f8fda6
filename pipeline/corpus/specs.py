"""Article specs: the content of one comparison article, independent of how it is printed.

Why a spec and not a template file: the same article must come out as a 2024 text dump, a
2023 prose dump, a flattened capture and three kinds of saved web page, and every one of
them must carry exactly the same paragraphs, items and job cards so that tests can check a
parser against the spec. The spec holds *what* is said; :class:`Presentation` holds the
site's layout choices (labelled or prose definitions, grouped by role, heading wording...);
the renderers in ``render_text`` and ``render_html`` decide the bytes.

All article text in this module is written for this project. It imitates the *shape* of
the site's articles, never their sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DefinitionStyle = Literal["labelled", "prose", "subheaded"]
ListStyle = Literal["bullets", "prose"]
TipStyle = Literal["numbered", "bullets"]
Mentions = Literal["singular", "plural", "lower"]

LIST_SECTIONS: tuple[str, ...] = ("responsibilities", "required_skills", "education", "tools", "industries")
"""Sections that hold per-role items, in the site's order (keys match ``pipeline.sections``)."""

DEFAULT_HEADINGS: dict[str, str] = {
    "definitions": "Definitions",
    "responsibilities": "Responsibilities",
    "required_skills": "Required Skills",
    "education": "Educational Backgrounds",
    "tools": "Tools and Software Used",
    "industries": "Common Industries",
    "outlook": "Outlooks",
    "tips": "Practical Tips for Getting Started",
    "definitions+responsibilities": "Definitions and Responsibilities",
    "required_skills+education": "Required Skills and Educational Backgrounds",
}
"""The headings the site prints most often; :attr:`Presentation.headings` overrides them."""


@dataclass(frozen=True, slots=True)
class Tip:
    """One practical tip: 2024 pages print ``Label: text``, 2023 pages only the text."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class JobCard:
    """A "Featured Job" card as the site prints it beside an article.

    ``salary`` is printed verbatim (``USD 135K - 165K``, ``USD 180K+``, ``EUR 60K - 80K``);
    an empty string means the card shows no salary. ``job_id`` only feeds the HTML link
    (``/job/<id>-<slug>``).
    """

    title: str
    company: str
    location: str
    employment: tuple[str, ...]
    seniority: str
    salary: str
    job_id: int

    @property
    def badge_line(self) -> str:
        """``Full Time Senior-level / Expert USD 135K - 165K``: the badges joined by spaces."""
        return " ".join([*self.employment, self.seniority, *([self.salary] if self.salary else [])])

    @property
    def company_line(self) -> str:
        return f"@ {self.company} | {self.location}"


@dataclass(frozen=True, slots=True)
class RoleContent:
    """Everything an article says about one role.

    ``definition`` starts with the article and the role name (``An MLOps Engineer ...``),
    because the labelled (``Role: An X is``) and the prose (``On the other hand, an X is``)
    forms are both built from it.
    """

    name: str
    definition: str
    responsibilities: tuple[str, ...]
    required_skills: tuple[str, ...]
    education: tuple[str, ...]
    tools: tuple[str, ...]
    industries: tuple[str, ...]

    def items(self, section: str) -> tuple[str, ...]:
        """The items of one of :data:`LIST_SECTIONS`."""
        if section not in LIST_SECTIONS:
            raise KeyError(section)
        value: tuple[str, ...] = getattr(self, section)
        return value


@dataclass(frozen=True, slots=True)
class Presentation:
    """How the site lays an article out; every field is a variant a parser must survive."""

    definitions: DefinitionStyle = "labelled"
    """``labelled`` (``Role: An X is``), ``prose`` (``On the other hand, ...``) or
    ``subheaded`` (a role heading above each definition)."""
    lists: ListStyle = "bullets"
    """Per-role bullets under role sub-headings, or a lead-in plus one paragraph per role."""
    tips: TipStyle = "numbered"
    """Numbered ``Label: text`` paragraphs (2024) or a lead-in and bullets (2023)."""
    grouped_by_role: bool = False
    """Role heading -> Definition -> Responsibilities -> Required Skills -> Educational
    Background, then the other role, then the shared sections."""
    merged_headings: bool = False
    """``Definitions and Responsibilities``, ``Required Skills and Educational Backgrounds``."""
    role_heading_suffix: bool = False
    """``AI Architect Responsibilities`` instead of ``AI Architect``."""
    role_heading_colon: bool = False
    """``Data Scientist Skills:``: a colon after the role sub-heading."""
    bullet_leadins: bool = False
    """A one-role lead-in sentence ending in ``:`` before each role's bullets."""
    section_leadins: bool = False
    """A paragraph naming both roles at the start of each list section (bullet mode)."""
    mentions: Mentions = "singular"
    """How generated sentences name the roles: ``an AI Architect``, ``AI Architects`` or
    ``AI architects`` (lower-case words, acronyms kept)."""
    headings: tuple[tuple[str, str], ...] = ()
    """Overrides of :data:`DEFAULT_HEADINGS`: ``(("outlook", "Career Outlook"),)``."""

    def heading(self, key: str) -> str:
        return dict(self.headings).get(key, DEFAULT_HEADINGS[key])


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """One comparison article: content plus presentation."""

    role_a: RoleContent
    role_b: RoleContent
    subtitle: str
    read_minutes: int
    published: date
    intro: tuple[str, ...]
    outlook: tuple[str, ...]
    tips: tuple[Tip, ...]
    tips_leadin: str
    conclusion: str
    jobs: tuple[JobCard, ...]
    salary_roles: tuple[str, ...]
    slug: str
    host: str = "aijobs.net"
    presentation: Presentation = field(default_factory=Presentation)

    @property
    def title(self) -> str:
        return f"{self.role_a.name} vs. {self.role_b.name}"

    @property
    def url(self) -> str:
        return f"https://{self.host}/insights/{self.slug}"

    @property
    def roles(self) -> tuple[RoleContent, RoleContent]:
        return (self.role_a, self.role_b)


# --- shared job cards ----------------------------------------------------------------------
# One card printed on two different articles, as the site does with its featured jobs.
NORTHWIND_SENIOR_DE = JobCard(
    "Senior Data Engineer", "Northwind Analytics", "Remote (US only)",
    ("Full Time",), "Senior-level / Expert", "USD 140K - 175K", 40117,
)

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

# --- 2. 2023 prose ------------------------------------------------------------------------
NLP_VS_COMPUTER_VISION = ArticleSpec(
    role_a=RoleContent(
        name="NLP Engineer",
        definition=(
            "An NLP Engineer designs systems that understand and produce human language. They "
            "prepare text collections, adapt language models to narrow tasks and ship features such "
            "as search, classification, summaries and chat assistants that people use every day."
        ),
        responsibilities=(
            "Clean and tokenize large text collections",
            "Fine-tune pretrained language models for specific tasks",
            "Evaluate models for accuracy, bias and made-up answers",
            "Serve language models behind low-latency APIs",
        ),
        required_skills=(
            "Strong Python and deep learning experience",
            "Knowledge of transformers, embeddings and tokenization",
            "An ear for syntax, ambiguity and meaning",
            "Experience with information retrieval",
        ),
        education=(
            "A degree in computer science, computational linguistics or data science",
            "A master's degree or PhD for research-heavy teams",
        ),
        tools=(
            "Hugging Face Transformers",
            "spaCy",
            "PyTorch",
            "Vector indexes such as FAISS",
        ),
        industries=(
            "Search and e-commerce",
            "Customer support software",
            "Legal technology",
            "Healthcare documentation",
        ),
    ),
    role_b=RoleContent(
        name="Computer Vision Engineer",
        definition=(
            "A Computer Vision Engineer builds software that makes sense of images and video. They "
            "gather and label pictures, train detection and segmentation models and squeeze those "
            "models until they run quickly on servers, phones or embedded cameras."
        ),
        responsibilities=(
            "Assemble and annotate image and video datasets",
            "Train models for detection, segmentation and tracking",
            "Compress models so they run on edge hardware",
            "Calibrate cameras and correct for lighting and lens distortion",
        ),
        required_skills=(
            "Solid linear algebra and geometry",
            "Experience with convolutional and vision transformer models",
            "Image processing fundamentals",
            "C++ for performance-critical code",
        ),
        education=(
            "A degree in computer science, electrical engineering or applied mathematics",
            "Graduate coursework in computer vision or robotics",
        ),
        tools=(
            "OpenCV",
            "PyTorch and torchvision",
            "CUDA and TensorRT",
            "Labelling platforms such as CVAT",
        ),
        industries=(
            "Automotive and driver assistance",
            "Manufacturing inspection",
            "Medical imaging",
            "Agriculture",
        ),
    ),
    subtitle="NLP Engineer vs. Computer Vision Engineer: Which Road Suits You Better?",
    read_minutes=5,
    published=date(2023, 12, 6),
    intro=(
        "Teaching machines to read and teaching them to see are two of the busiest corners of "
        "applied AI. An NLP Engineer works with text and speech, while a Computer Vision Engineer "
        "works with images and video. If you are weighing the two paths, this article compares their "
        "definitions, responsibilities, required skills, educational backgrounds, tools and software "
        "used, common industries, outlooks, and practical tips for getting started.",
    ),
    outlook=(
        "Both careers are expected to keep growing. Employment of computer and information research "
        "scientists, the category that covers many language and vision specialists, is projected to "
        "grow 23 percent from 2022 to 2032, far faster than the average for all occupations. Large "
        "language models have pushed NLP hiring up sharply, while computer vision demand is spread "
        "over more physical industries such as factories, farms and transport.",
    ),
    tips=(
        Tip("Pick a modality", "Choose text or images for your first serious project instead of "
            "splitting your time across both."),
        Tip("Reproduce a paper", "Reimplement a well-known paper and compare your numbers with the "
            "published ones."),
        Tip("Label your own data", "Build a small labelled dataset by hand to learn why annotation "
            "guidelines matter."),
        Tip("Measure latency", "Profile a model on a CPU and on a GPU to understand the trade-offs of "
            "deployment."),
        Tip("Join a shared task", "Competitions and shared tasks give you honest feedback from a "
            "public leaderboard."),
    ),
    tips_leadin="If you want to move into either field, these steps are a practical place to begin:",
    conclusion=(
        "In conclusion, NLP Engineers and Computer Vision Engineers apply similar deep learning "
        "methods to very different signals. Choose language work if search and conversation excite "
        "you, and choose vision if you like cameras, geometry and systems that act in the physical "
        "world. Either way, steady practice on real data is what gets you hired."
    ),
    jobs=(
        JobCard("Senior NLP Engineer", "Parlance Systems", "Remote",
                ("Full Time",), "Senior-level / Expert", "USD 150K - 190K", 51020),
        JobCard("Computer Vision Engineer, Perception", "Ferrous Autonomy", "Pittsburgh, PA",
                ("Full Time",), "Mid-level / Intermediate", "USD 130K", 51077),
        JobCard("Machine Learning Intern – Vision", "Ferrous Autonomy", "Pittsburgh, PA",
                ("Internship",), "Entry-level / Junior", "USD 40K - 55K", 51078),
        JobCard("Principal Applied Scientist", "Lexica Health", "San Diego, CA",
                ("Full Time",), "Senior-level / Expert", "USD 9999999K - 9999999K", 51105),
        JobCard("Speech Recognition Engineer", "Parlance Systems", "Toronto, Canada",
                ("Full Time",), "Mid-level / Intermediate", "CAD 110K - 140K", 51160),
    ),
    salary_roles=("Computer Vision Engineer", "NLP Engineer"),
    slug="nlp-engineer-vs-computer-vision-engineer",
    presentation=Presentation(definitions="prose", lists="prose", tips="bullets"),
)

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

# --- 5. 2023, grouped by role ------------------------------------------------------------
RESEARCH_SCIENTIST_VS_ML_ENGINEER = ArticleSpec(
    role_a=RoleContent(
        name="Research Scientist",
        definition=(
            "A Research Scientist in machine learning investigates open problems and proposes new "
            "methods. They read and write papers, design careful experiments and often work with "
            "universities, turning promising ideas into prototypes that others can build on."
        ),
        responsibilities=(
            "Formulate research questions and hypotheses",
            "Design and run large-scale experiments",
            "Publish at peer-reviewed conferences",
            "Mentor junior researchers and interns",
            "Hand prototypes over to applied teams",
        ),
        required_skills=(
            "Deep knowledge of probability, optimisation and learning theory",
            "A record of original research",
            "Fluent PyTorch or JAX",
            "Clear scientific writing",
        ),
        education=(
            "A PhD in machine learning, statistics, physics or a related field",
            "Postdoctoral or industry research experience for senior positions",
        ),
        tools=(
            "PyTorch and JAX",
            "LaTeX and Overleaf",
            "Cluster schedulers such as Slurm",
            "arXiv and Semantic Scholar",
        ),
        industries=(
            "Technology companies with research labs",
            "Universities and non-profit institutes",
            "Pharmaceutical research",
            "Quantitative finance",
        ),
    ),
    role_b=RoleContent(
        name="Machine Learning Engineer",
        definition=(
            "A Machine Learning Engineer builds, trains and deploys models as part of real products. "
            "They own data preparation, training code, evaluation and serving, and they care as much "
            "about latency and maintainability as about accuracy."
        ),
        responsibilities=(
            "Build training and evaluation pipelines",
            "Optimise models for inference speed and memory",
            "Integrate models with backend services",
            "Monitor production metrics and fix regressions",
        ),
        required_skills=(
            "Strong software engineering in Python and one systems language",
            "Experience with distributed training",
            "Data engineering basics",
            "Testing and debugging of numerical code",
        ),
        education=(
            "A bachelor's or master's degree in computer science or engineering",
            "Equivalent industry experience, which many employers accept",
        ),
        tools=(
            "TensorFlow or PyTorch",
            "ONNX Runtime and TensorRT",
            "Ray for distributed jobs",
            "Feature stores and model registries",
        ),
        industries=(
            "Software and internet services",
            "E-commerce recommendations",
            "Autonomous vehicles",
            "Banking",
        ),
    ),
    subtitle="Research Scientist vs. Machine Learning Engineer: Understanding the Differences",
    read_minutes=6,
    published=date(2023, 8, 21),
    intro=(
        "Research labs and product teams both depend on people who understand machine learning "
        "deeply, but they ask different things of them. A Research Scientist is judged by new ideas "
        "and published results; a Machine Learning Engineer is judged by models that work reliably "
        "for real users.",
        "In this article we look at each role in turn and then compare tools, industries, career "
        "outlook and ways to get started.",
    ),
    outlook=(
        "Both paths look healthy. Employment of computer and information research scientists is "
        "projected to grow 23 percent from 2022 to 2032, and machine learning engineering has become "
        "one of the most advertised specialisations among software jobs. Research positions are "
        "fewer and more competitive, whereas engineering positions are spread across almost every "
        "industry.",
    ),
    tips=(
        Tip("Read widely", "Read one recent paper a week and write a short summary of it."),
        Tip("Build in public", "Publish the code for your projects so that others can run it."),
        Tip("Learn the math", "Revisit linear algebra, probability and calculus until the notation no "
            "longer slows you down."),
        Tip("Find a mentor", "Ask someone already in the role to review your work every few months."),
    ),
    tips_leadin="Whichever direction attracts you, the following habits will help you get started:",
    conclusion=(
        "In conclusion, Research Scientists push the limits of what machine learning can do, while "
        "Machine Learning Engineers make those advances dependable and useful. If you enjoy open "
        "questions and writing, research may suit you; if you enjoy shipping systems, engineering is "
        "the natural fit."
    ),
    jobs=(
        JobCard("Research Scientist, Generative Models", "Lumen Grove Institute", "Zurich, Switzerland",
                ("Full Time",), "Senior-level / Expert", "CHF 150K - 190K", 84002),
        JobCard("Machine Learning Engineer", "Orchard Mobility", "Remote (Europe)",
                ("Full Time",), "Mid-level / Intermediate", "EUR 75K - 95K", 84019),
        JobCard("Applied Research Intern", "Lumen Grove Institute", "Zurich, Switzerland",
                ("Internship",), "Entry-level / Junior", "", 84020),
        JobCard("Senior Machine Learning Engineer", "Kestrel Payments", "London, UK",
                ("Full Time",), "Senior-level / Expert", "GBP 90K - 115K", 84031),
    ),
    salary_roles=("Research Scientist", "Machine Learning Engineer"),
    slug="research-scientist-vs-machine-learning-engineer",
    presentation=Presentation(
        grouped_by_role=True, bullet_leadins=True, tips="bullets",
        headings=(("outlook", "Career Outlook"),),
    ),
)

SPECS: tuple[ArticleSpec, ...] = (
    DATA_ENGINEER_VS_MLOPS,
    NLP_VS_COMPUTER_VISION,
    DATA_ANALYST_VS_ANALYTICS_ENGINEER,
    AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST,
    RESEARCH_SCIENTIST_VS_ML_ENGINEER,
)
"""The hand-written specs, in a fixed order (samples and generator pools rely on it)."""
