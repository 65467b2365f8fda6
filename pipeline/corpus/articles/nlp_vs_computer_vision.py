"""Bundled article 2: NLP Engineer vs. Computer Vision Engineer, a 2023 prose page.

Why its own module: this sample carries the 2023 prose layout (prose definitions, one
paragraph per role instead of bullets, bulleted tips) and odd job cards (an en dash in a
title, an absurd salary range). Its text is self-contained and shares nothing with the
other articles.
"""

from __future__ import annotations

from datetime import date

from pipeline.corpus.specs import ArticleSpec, JobCard, Presentation, RoleContent, Tip

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
