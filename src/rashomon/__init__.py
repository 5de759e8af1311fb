"""rashomon: one record per incident from conflicting reports.

Every value is attributed to whoever claimed it, with the quote and character
offsets back to the text, a verdict per attribute and a conservative estimate.

Example:
    >>> from rashomon import analyze
    >>> result = analyze(["a.html", "b.txt"])          # doctest: +SKIP
    >>> result.incidents[0].attributes["initiator"].status  # doctest: +SKIP
    'contested'
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def analyze(*args, **kwargs):  # noqa: D103 - thin lazy re-export, documented in pipeline.analyze
    from rashomon.pipeline import analyze as _analyze

    return _analyze(*args, **kwargs)


analyze.__doc__ = "Analyse documents into reconciled incidents. See :func:`rashomon.pipeline.analyze`."

__all__ = ["__version__", "analyze"]
