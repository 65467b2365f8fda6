"""The bundled articles: :data:`SPECS`, the hand-written specs in their fixed order.

Why a package of its own: the article text is data, not code, and is far longer than the
spec types in :mod:`pipeline.corpus.specs` that describe it. Each article sits in its own
module (about 130 lines of text each) so it can be read and edited on its own; this module
only fixes their order, which the samples and the generator's pools rely on.

All article text in this package is written for this project. It imitates the *shape* of
the site's articles, never their sentences.
"""

from __future__ import annotations

from pipeline.corpus.articles.ai_product_manager_vs_data_scientist import AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST
from pipeline.corpus.articles.data_analyst_vs_analytics_engineer import DATA_ANALYST_VS_ANALYTICS_ENGINEER
from pipeline.corpus.articles.data_engineer_vs_mlops import DATA_ENGINEER_VS_MLOPS
from pipeline.corpus.articles.nlp_vs_computer_vision import NLP_VS_COMPUTER_VISION
from pipeline.corpus.articles.research_scientist_vs_ml_engineer import RESEARCH_SCIENTIST_VS_ML_ENGINEER
from pipeline.corpus.specs import ArticleSpec

__all__ = [
    "AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST",
    "DATA_ANALYST_VS_ANALYTICS_ENGINEER",
    "DATA_ENGINEER_VS_MLOPS",
    "NLP_VS_COMPUTER_VISION",
    "RESEARCH_SCIENTIST_VS_ML_ENGINEER",
    "SPECS",
]

SPECS: tuple[ArticleSpec, ...] = (
    DATA_ENGINEER_VS_MLOPS,
    NLP_VS_COMPUTER_VISION,
    DATA_ANALYST_VS_ANALYTICS_ENGINEER,
    AI_PRODUCT_MANAGER_VS_DATA_SCIENTIST,
    RESEARCH_SCIENTIST_VS_ML_ENGINEER,
)
"""The hand-written specs, in a fixed order (samples and generator pools rely on it)."""
