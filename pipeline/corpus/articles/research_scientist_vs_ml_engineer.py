"""Bundled article 5: Research Scientist vs. Machine Learning Engineer, a 2023 page grouped by role.

Why its own module: this sample carries the grouped-by-role layout (each role's
definition and lists under its own heading), one-role lead-ins before the bullets,
bulleted tips and a job card without a salary. Its text is self-contained and shares
nothing with the other articles.
"""

from __future__ import annotations

from datetime import date

from pipeline.corpus.specs import ArticleSpec, JobCard, Presentation, RoleContent, Tip

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
