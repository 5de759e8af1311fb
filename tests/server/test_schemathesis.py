"""Property-based tests of the API against its own OpenAPI schema (schemathesis, in-process ASGI).

Every operation gets a bounded number of generated requests (:data:`MAX_EXAMPLES`);
each response must not be a server error and must conform to the documented schema.
The operations are driven with Hypothesis directly (``operation.as_strategy()``):
schemathesis' lazy pytest fixture loader does not run under pytest 9.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.server.conftest import KEY, make_client

pytestmark = pytest.mark.slow

#: Generated requests per operation: enough to reach every parameter kind and
#: edge value, few enough that the whole run takes seconds. A deeper run:
#: RASHOMON_SCHEMATHESIS_EXAMPLES=500 pytest tests/server/test_schemathesis.py
MAX_EXAMPLES = int(os.environ.get("RASHOMON_SCHEMATHESIS_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def api_schema(seeded_db, nlp, actors, gazetteer):
    with make_client(seeded_db, nlp, actors, gazetteer) as client:
        yield schemathesis.openapi.from_asgi("/openapi.json", client.app)


@pytest.fixture(scope="module")
def operations(api_schema) -> dict:
    return {op.label: op for op in (result.ok() for result in api_schema.get_all_operations())}


def test_every_operation_is_covered(operations):
    assert set(operations) == {"POST /documents", "GET /incidents", "GET /incidents/{incident_id}", "GET /claims",
                               "GET /documents/{document_id}", "GET /stats"}


@pytest.mark.parametrize("label", ["POST /documents", "GET /incidents", "GET /incidents/{incident_id}",
                                   "GET /claims", "GET /documents/{document_id}", "GET /stats"])
def test_operation_conforms_to_its_schema(operations, label):
    operation = operations[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    def run(case) -> None:
        case.call_and_validate(headers={"X-API-Key": KEY}, checks=[not_a_server_error, response_schema_conformance])

    run()
