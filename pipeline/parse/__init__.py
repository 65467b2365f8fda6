"""Parse stage: blocks -> records as the page prints them (header, sections, items, job cards).

Takes blocks (or a listing page's markup); gives parsed articles, job cards and listed jobs.
Must never build table rows, ids or codes (that is ``normalize/``) or do any I/O.
"""
