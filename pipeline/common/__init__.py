"""Shared foundations: the document types, the per-document limits, atomic writes, memory trims,
what text in the CJK scripts looks like.

Takes nothing from the pipeline but its errors; gives the types and helpers every stage and
the run share. Must never import a stage, the run machinery or the settings layers.
"""
