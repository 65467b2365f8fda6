"""Remembered answers change only the time: every record is what a process with empty memories gives.

Why one test over whole documents besides each memory's own tests: a memory whose key misses
something its answer depends on (an article's role names, a block's kind, the line before)
gives the answer of an earlier document that shared the key. Generated documents share most
of their lines, headings, sentences and job cards, so reading them one after the other with
the memories kept must give exactly the records of reading each with every memory emptied
(:func:`pipeline.common.memo.forget_all`).
"""

from __future__ import annotations

import contextlib
import gzip

from pipeline.common import memo
from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.corpus.generate import iter_corpus
from pipeline.run.process import process_document


def _docs(fmt: str, count: int) -> list[RawDocument]:
    out = []
    for doc in iter_corpus(count, 11, fmt=fmt):  # type: ignore[arg-type]
        kind = "html" if ".htm" in doc.name else "text"
        data = doc.data
        if doc.name.endswith(".gz"):
            with contextlib.suppress(EOFError, OSError):  # a cut gzip file: quarantined as its bytes
                data = gzip.decompress(data)
        out.append(RawDocument(doc.name, data, kind))
    return out


def _records(docs: list[RawDocument], *, fresh: bool) -> list[tuple[dict[str, object], list[object]]]:
    out = []
    for doc in docs:
        if fresh:
            memo.forget_all()
        result = process_document(doc, Limits())
        out.append((result.tables, result.quarantine))
    return out


def test_text_dumps_read_alike_with_and_without_memories() -> None:
    docs = _docs("text", 120)
    memo.forget_all()
    kept = _records(docs, fresh=False)
    kept_hits = _hits()
    assert kept == _records(docs, fresh=True)
    assert kept_hits > 2 * _hits()  # the kept pass did answer from earlier documents


def _hits() -> int:
    """Answers given from memory, over every memory, since each was last emptied."""
    return sum(info.hits for info in memo.registry().values())


def test_html_pages_read_alike_with_and_without_memories() -> None:
    docs = _docs("html", 40)
    memo.forget_all()
    assert _records(docs, fresh=False) == _records(docs, fresh=True)
