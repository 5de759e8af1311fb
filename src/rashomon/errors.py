"""Exceptions raised by rashomon's library code.

Library code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base of rashomon's own errors."""


class ModelNotFound(RashomonError):
    """No spaCy English pipeline is installed."""


class EvaluationDataError(RashomonError):
    """An evaluation data folder or file is missing or not of the expected layout."""


class UnknownTask(RashomonError):
    """An evaluation task name that does not exist."""


class EventModelError(RashomonError):
    """An event-type model folder is missing, incomplete or of another format."""


class TrainingDataError(RashomonError):
    """Training data (an ACLED export or a folder of JSONL examples) is missing or malformed."""


class EmbeddingsUnavailable(RashomonError):
    """Sentence embeddings were asked for but the optional extra is not installed."""
