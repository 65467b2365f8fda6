"""Structure stage: decoded text or HTML -> one stream of blocks (headings, paragraphs, list items).

Takes decoded text; gives :class:`~pipeline.structure.blocks.Block` lists, the same for a
text dump and a saved page. Must never know a section name, a role or a table.
"""
