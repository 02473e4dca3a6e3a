"""Control characters in an API path (``%00``, a line feed, a carriage return, ...) get the
API's JSON 400/404, never Django's HTML page nor a 500: written as a scanner probing paths,
with and without a token."""

import pytest
from django.test import Client

from api.tests.conftest import error_of

PROBES = [
    "/api/v1/%00",
    "/api/v1/%0a",
    "/api/v1/%0d%0a",
    "/api/v1/%1b[31m",
    "/api/v1/tasks/%0a",
    "/api/v1/tasks/%00/",
    "/api/v1/tasks/1%0a",
    "/api/v1/tasks/1%0d%0a/",
    "/api/v1/tasks/%01/evidence/",
    "/api/v1/petitions/%7f/",
    "/api/v1/reports/1/download/%0a/",
    "/api/v1/openapi.json%0a",
    "/api/v1/docs%0a",
    "/api/v1/tasks%09",
]


@pytest.mark.parametrize("path", PROBES)
def test_a_control_character_in_the_path_is_a_json_error(api, clerk, program, path):
    for client in (api(clerk), Client()):
        response = client.get(path)
        assert response.status_code in (400, 401, 404), (path, response.status_code)
        assert error_of(response)["code"] in ("not_found", "invalid", "unauthenticated")
