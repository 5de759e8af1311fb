"""The one exception of the ingest stage."""

from __future__ import annotations


class IngestError(ValueError):
    """An input that cannot become a :class:`~rashomon.model.Document`.

    The message is one line that says what is wrong with the input (empty, binary,
    undecodable, too large, no main text ...). :func:`rashomon.ingest.ingest` turns
    it into an :class:`~rashomon.model.InputError` and goes on with the batch.
    """
