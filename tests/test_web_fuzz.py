"""The JSON API fuzzed against its own OpenAPI document (schemathesis, in-process ASGI).

Every operation in ``/openapi.json`` gets a bounded number of generated requests, valid
and invalid (odd Unicode, huge offsets, wrong types, path ids with slashes and NULs), over
a real store of the example corpus with its story built. Whatever comes in, the answer is
never a server error. Conformance checks beyond that (undocumented 4xx codes such as
the ingest form's 411) are not asserted: the schema is FastAPI's, not a contract.

schemathesis needs the schema when pytest collects, before any fixture exists, and its
lazy ``from_fixture`` loader does not run under pytest 9. So the document is built here
from the app's own routers (no store needed for that), a test checks it is exactly what
the running app serves at ``/openapi.json``, and every case is sent to that app.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from dateline.web import api, create_app, pages
from test_web_fixtures import story_db, web_records  # noqa: F401

# ~15 operations x this many examples keeps the module near a minute on a busy machine.
MAX_EXAMPLES = 25


def _document() -> dict:
    routes = FastAPI()
    routes.include_router(api.router)
    routes.include_router(pages.router)
    return routes.openapi()


DOCUMENT = _document()
schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture(scope="module")
def fuzz_app(story_db):  # noqa: F811
    return create_app(story_db, build_story=False)


def test_web_fuzz_document_is_the_apps(fuzz_app):
    from fastapi.testclient import TestClient

    served = TestClient(fuzz_app).get("/openapi.json").json()
    assert served["paths"] == DOCUMENT["paths"]
    assert served.get("components") == DOCUMENT.get("components")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_web_fuzz_no_server_error(case, fuzz_app):
    case.call_and_validate(app=fuzz_app, checks=[not_a_server_error])
