"""Read stage: find documents under the input folder (and in the raw store) and read their bytes.

Takes a folder or a capture; gives :class:`~pipeline.common.document.RawDocument` bytes and
their stable keys. Must never decode, parse or know what an article is.
"""
