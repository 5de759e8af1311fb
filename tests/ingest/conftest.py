"""Shared helpers of the ingest tests."""

from __future__ import annotations

from rashomon.model import Document


def assert_offsets(doc: Document) -> None:
    """Every removed piece indexes raw_text; every segment indexes text, in order, without overlap."""
    for removed in doc.removed:
        assert doc.raw_text[removed.start : removed.end] == removed.text
    previous_end = 0
    for segment in doc.segments:
        assert previous_end <= segment.start <= segment.end <= len(doc.text)
        previous_end = segment.end
