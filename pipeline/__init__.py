"""rolescope: turn AI/ML career-comparison articles and job cards into typed tables.

Stages, one module (or package) each: ``sources`` (find and read raw documents),
``decode`` (bytes -> text, mojibake repair), ``structure_text`` / ``structure_html``
(text -> a stream of :class:`~pipeline.blocks.Block`), ``parse`` (blocks -> records),
``normalize`` (job cards, salaries), ``validate`` and ``export`` (Parquet, CSV).
``process`` ties the pure stages together for one document; ``runner`` drives a run.
"""

__version__ = "0.1.0"
