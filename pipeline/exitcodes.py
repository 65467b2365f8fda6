"""Exit codes of the command line, documented in the README.

Why distinct codes: a scheduler (cron, make) can tell "bad command line" from "the folder
is unusable" from "a stage failed" without parsing text.
"""

OK = 0
"""Every document was processed or quarantined as expected."""
FAILED = 1
"""An unexpected error stopped the run; the previous outputs are intact."""
USAGE = 2
"""Bad command line (unknown option, bad value; ``--output`` equal to or containing ``--input``)."""
UNUSABLE_FOLDER = 3
"""The input folder is missing, or the output folder cannot be created or written (a read-only
folder, a full disk, the file-size limit), or it holds files rolescope did not write (see
:mod:`pipeline.run.ownership`)."""
LOCK_BUSY = 4
"""Another run holds the output folder's lock (after waiting ``--lock-timeout`` seconds)."""
QUARANTINE_OVER = 5
"""The run finished and wrote its tables, but quarantined more documents than ``--max-quarantined``."""
DAMAGED = 6
"""``status`` only: the output folder's manifest or run history is damaged (reported line by line;
the next run rewrites the manifest)."""
INTERRUPTED = 130
"""Stopped by SIGINT (Ctrl-C): recorded as ``interrupted``, published tables untouched (128 + 2)."""
TERMINATED = 143
"""Stopped by SIGTERM: recorded as ``interrupted``, published tables untouched (128 + 15)."""
