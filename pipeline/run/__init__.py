"""The run machinery: plan a run, process each document through the stages, build and publish.

Takes settings and an input folder; gives the published tables, the state store and status.
The only package that ties the stages together: a stage must never import it.
"""
