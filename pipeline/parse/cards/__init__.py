"""The job-card grammar in one place: salary, badges, company and place, read from lines or runs.

Takes a card's text (the lines of a text dump or an article aside, or the ordered text runs
of a listing card); gives a card as printed. Must never normalize (codes, USD, ids).
"""
