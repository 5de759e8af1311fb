"""The published JSON Schema of the output contract, and a validator for it.

The schema file ``rashomon-analysis-<major>.schema.json`` (JSON Schema draft 2020-12) is shipped as package data;
its ``$id`` carries the major version. It is strict about the contract's fields and types (DESIGN.md: statuses,
modes, count objects ``{min, max, text}``, integer offsets, ISO dates) and allows any further field, so that a
release may add fields without a new major version. Removing, renaming or retyping a contract field, or adding a
value to an enum, makes a new major version: a new file next to this one and a new ``$id``.

:func:`validate` checks the schema and then what a schema cannot say: every quote is ``text[start:end]`` of its
document (when the text is included), every reference names an existing document or claim, and count intervals
and dates are ordered.

Example:
    >>> from rashomon.outputs import to_contract
    >>> from rashomon.outputs.schema import validate
    >>> validate(to_contract(analysis))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from importlib import resources
from typing import Any

logger = logging.getLogger(__name__)

#: Major version of the output contract's schema; also written as ``schema_version`` in every export.
SCHEMA_VERSION = "1"
#: The schema's ``$id``.
SCHEMA_ID = f"urn:rashomon:schema:analysis:{SCHEMA_VERSION}"
SCHEMA_FILE = f"rashomon-analysis-{SCHEMA_VERSION}.schema.json"

#: At most this many problems are listed in a :class:`SchemaViolation` message (all are in ``.problems``).
_MAX_LISTED = 20


class SchemaViolation(ValueError):
    """The data does not follow the output contract; ``problems`` lists each violation with its JSON path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        listed = "\n  ".join(problems[:_MAX_LISTED])
        more = f"\n  ... and {len(problems) - _MAX_LISTED} more" if len(problems) > _MAX_LISTED else ""
        super().__init__(f"{len(problems)} violation(s) of the rashomon output contract "
                         f"(schema {SCHEMA_ID}):\n  {listed}{more}")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema as a dict (read once from the package data)."""
    text = resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def schema_text() -> str:
    """The schema file's text, for publishing next to an export."""
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def _path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def schema_problems(data: Any) -> list[str]:
    """Violations of the JSON Schema alone, each as ``"<json path>: <message>"``.

    Raises:
        ImportError: the ``jsonschema`` package is not installed (``pip install rashomon[schema]``).
    """
    try:
        from jsonschema import Draft202012Validator
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("validating needs the jsonschema package: pip install 'rashomon[schema]'") from exc
    validator = Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{_path(e.absolute_path)}: {e.message}" for e in errors]


def _count_problems(value: Any, where: str) -> list[str]:
    if isinstance(value, dict) and isinstance(value.get("min"), int) and isinstance(value.get("max"), int):
        if value["max"] < value["min"]:
            return [f"{where}: count max {value['max']} is below min {value['min']}"]
    return []


def _span_problems(texts: dict[str, str], doc: Any, start: Any, end: Any, quote: Any, where: str) -> list[str]:
    if not isinstance(doc, str) or doc not in texts or not isinstance(start, int) or not isinstance(end, int):
        return []
    if end < start:
        return [f"{where}: end {end} before start {start}"]
    if not isinstance(quote, str):
        return []
    if texts[doc][start:end] != quote:
        return [f"{where}: quote is not text[{start}:{end}] of document {doc}"]
    return []


def semantic_problems(data: dict[str, Any]) -> list[str]:
    """What the schema cannot check: offsets against the text, references, ordered intervals.

    Call on data that already passed the schema; fields it needs that are absent are skipped.
    """
    problems: list[str] = []
    doc_ids = [d["id"] for d in data["documents"]]
    claim_ids = {c["id"] for c in data["claims"]}
    for kind, ids in (("document", doc_ids), ("claim", [c["id"] for c in data["claims"]]),
                      ("incident", [i["id"] for i in data["incidents"]])):
        if len(set(ids)) != len(ids):
            problems.append(f"$.{kind}s: duplicate ids")
    texts = {d["id"]: d["text"] for d in data["documents"] if isinstance(d.get("text"), str)}
    for k, d in enumerate(data["documents"]):
        for j, s in enumerate(d["segments"]):
            if s["end"] < s["start"]:
                problems.append(f"$.documents[{k}].segments[{j}]: end before start")
    known_docs = set(doc_ids)
    for k, c in enumerate(data["claims"]):
        where = f"$.claims[{k}]"
        if c["document"] not in known_docs:
            problems.append(f"{where}.document: unknown document {c['document']!r}")
        problems += _span_problems(texts, c["document"], c["start"], c["end"], c["quote"], where)
    for k, inc in enumerate(data["incidents"]):
        where = f"$.incidents[{k}]"
        date = inc["date"]
        if date["start"] and date["end"] and date["end"] < date["start"]:
            problems.append(f"{where}.date: end {date['end']} before start {date['start']}")
        problems += [f"{where}.documents: unknown document {d!r}" for d in inc["documents"] if d not in known_docs]
        problems += [f"{where}.mentions: unknown claim {c!r}" for c in inc["mentions"] if c not in claim_ids]
        for name, verdict in inc["attributes"].items():
            at = f"{where}.attributes.{name}"
            problems += _count_problems(verdict.get("estimate"), f"{at}.estimate")
            for j, ac in enumerate(verdict["claims"]):
                cw = f"{at}.claims[{j}]"
                if ac["claim"] not in claim_ids:
                    problems.append(f"{cw}.claim: unknown claim {ac['claim']!r}")
                problems += _count_problems(ac.get("value"), f"{cw}.value")
                problems += _span_problems(texts, ac.get("document"), ac.get("start"), ac.get("end"),
                                           ac.get("quote"), cw)
    return problems


def validate(contract: dict[str, Any], *, semantic: bool = True) -> None:
    """Check a contract dict (``to_contract(analysis)`` or a parsed ``incidents.json``) against the schema.

    Args:
        contract: the data to check.
        semantic: also check offsets against the documents' text, references between records, and ordered
            intervals (see :func:`semantic_problems`).

    Raises:
        SchemaViolation: the data breaks the contract; ``.problems`` lists every violation with its JSON path.
        ImportError: the ``jsonschema`` package is missing (``pip install 'rashomon[schema]'``).
    """
    problems = schema_problems(contract)
    if not problems and semantic:
        problems = semantic_problems(contract)
    if problems:
        raise SchemaViolation(problems)
    logger.debug("contract valid against %s", SCHEMA_ID)


__all__ = ["SCHEMA_FILE", "SCHEMA_ID", "SCHEMA_VERSION", "SchemaViolation", "load_schema", "schema_problems",
           "schema_text", "semantic_problems", "validate"]
