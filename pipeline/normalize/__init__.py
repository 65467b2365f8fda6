"""Normalize stage: parsed records -> the contract's rows, with ids, codes, places and mentions.

Takes parsed articles and cards; gives rows per table (stable ids, role keys, salary and
location fields, mentions, outlook figures). Must never read files or see raw markup.
"""
