"""The published JSON Schema: strict on the contract, open to extra fields, and real output passes it."""

from __future__ import annotations

import copy
import json
import typing

import pytest
from jsonschema import Draft202012Validator

from rashomon.model import ClaimMode, Status
from rashomon.outputs import to_contract, to_json
from rashomon.outputs.schema import SCHEMA_ID, SCHEMA_VERSION, SchemaViolation, load_schema, schema_text, validate


def test_schema_is_a_valid_2020_12_schema_with_a_versioned_id():
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID and SCHEMA_ID.endswith(f":{SCHEMA_VERSION}")
    assert json.loads(schema_text()) == schema


def test_enums_follow_the_model():
    defs = load_schema()["$defs"]
    assert set(defs["status"]["enum"]) == set(typing.get_args(Status))
    assert set(defs["mode"]["enum"]) == {m.value for m in ClaimMode}


def test_contract_carries_the_schema_version(sample):
    data = to_contract(sample)
    assert data["schema_version"] == SCHEMA_VERSION and data["schema"] == SCHEMA_ID
    validate(data)
    validate(json.loads(to_json(sample)))


def _break(data: dict, path: tuple, value) -> dict:
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return broken


@pytest.mark.parametrize("path, value, expected", [
    (("incidents", 0, "attributes", "initiator", "status"), "disputed", "attributes.initiator.status"),
    (("incidents", 0, "attributes", "killed.armenian", "estimate", "text"), KeyError, "killed.armenian.estimate"),
    (("incidents", 0, "attributes", "killed.armenian", "claims", 0, "value"), {"min": "0", "max": 0, "text": ""},
     "killed.armenian.claims[0].value"),
    (("incidents", 0, "attributes", "initiator", "claims", 0, "value"), {"min": 1, "max": None, "text": "x"},
     "initiator.claims[0].value"),
    (("claims", 0, "start"), "12", "claims[0].start"),
    (("claims", 0, "end"), -1, "claims[0].end"),
    (("claims", 0, "mode"), "rumour", "claims[0].mode"),
    (("claims", 0, "claimant"), {"name": "x"}, "claims[0].claimant"),
    (("documents", 0, "published_inferred"), "no", "documents[0].published_inferred"),
    (("documents", 0, "segments"), [{"heading": "x", "time": None, "start": 0}], "documents[0].segments[0]"),
    (("incidents", 0, "date", "precision"), 4, "incidents[0].date.precision"),
    (("incidents", 0, "places", 0, "country"), "Armenia", "places[0].country"),
    (("incidents", 0, "mentions"), "d1:c1", "incidents[0].mentions"),
    (("rashomon_version",), KeyError, "rashomon_version"),
])
def test_contract_violations_are_caught_with_their_path(sample, path, value, expected):
    data = _break(to_contract(sample), path, value)
    with pytest.raises(SchemaViolation) as err:
        validate(data)
    assert any(expected in p for p in err.value.problems), err.value.problems


def test_extra_fields_are_allowed_everywhere(sample):
    data = to_contract(sample)
    data["x_run"] = {"host": "a"}
    data["documents"][0]["x"] = 1
    data["claims"][0]["x"] = [1]
    data["claims"][0]["claimant"]["x"] = None
    data["incidents"][0]["x"] = "y"
    data["incidents"][0]["attributes"]["initiator"]["x"] = 1
    data["incidents"][0]["attributes"]["killed.armenian"]["estimate"]["x"] = 1
    data["incidents"][0]["attributes"]["displaced.civilians"] = {"status": "agreed", "estimate": 3, "claims": []}
    validate(data)


@pytest.mark.parametrize("path, value, expected", [
    (("claims", 0, "quote"), "not the text", "quote is not text"),
    (("claims", 0, "document"), "nope", "unknown document"),
    (("incidents", 0, "mentions"), ["d9:c9"], "unknown claim"),
    (("incidents", 0, "attributes", "killed.armenian", "estimate"), {"min": 3, "max": 1, "text": "x"}, "below min"),
    (("incidents", 0, "date", "end"), "2022-09-01", "before start"),
    (("incidents", 0, "attributes", "initiator", "claims", 0, "start"), 0, "quote is not text"),
])
def test_semantic_violations_are_caught(sample, path, value, expected):
    data = _break(to_contract(sample), path, value)
    with pytest.raises(SchemaViolation) as err:
        validate(data)
    assert any(expected in p for p in err.value.problems), err.value.problems
    validate(data, semantic=False)  # the schema alone cannot see these


@pytest.mark.slow
def test_examples_analysis_follows_the_schema(examples_analysis):
    assert examples_analysis.incidents
    validate(json.loads(to_json(examples_analysis)))


@pytest.mark.slow
@pytest.mark.acceptance
def test_seed_analysis_follows_the_schema(seeds_analysis):
    assert seeds_analysis.incidents
    validate(json.loads(to_json(seeds_analysis)))
