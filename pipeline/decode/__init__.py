"""Decode stage: raw bytes -> text, with the charset found and mojibake repaired.

Takes bytes and an optional declared charset; gives text and how it was decoded. Must never
look at the document's structure (no tags, no lines, no sections).
"""
