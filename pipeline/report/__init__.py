"""The run report: one self-contained HTML page of charts drawn from the published tables.

Takes an output folder's published tables, its manifest and its run history; gives
``report.html`` (every script and style inlined, Vega-Lite charts drawn by the vega runtime
in the page), written atomically. Must never parse a document, import a stage or the run
machinery, or reach the network: it reads only what ``tables/`` wrote.
"""

from pipeline.report.build import ReportResult, write_report

__all__ = ["ReportResult", "write_report"]
