"""API test helpers: a token for any persona and a client that sends it."""

import pytest
from django.core.cache import cache
from django.test import Client

from api import services
from api.models import TokenScope


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    cache.clear()
    yield
    cache.clear()


class ApiClient:
    """A Django test client that sends ``Authorization: Bearer <key>``; ``json`` bodies."""

    def __init__(self, key: str | None):
        self.client = Client(raise_request_exception=False)
        self.key = key

    def _headers(self, extra):
        headers = dict(extra)
        if self.key is not None:
            headers.setdefault("authorization", f"Bearer {self.key}")
        return headers

    def get(self, path, data=None, **headers):
        return self.client.get(path, data, headers=self._headers(headers))

    def patch(self, path, body, content_type="application/json", **headers):
        return self.client.patch(
            path, body, content_type=content_type, headers=self._headers(headers)
        )

    def post(self, path, data=None, **kwargs):
        headers = kwargs.pop("headers", {})
        return self.client.post(path, data, headers=self._headers(headers), **kwargs)

    def delete(self, path, **headers):
        return self.client.delete(path, headers=self._headers(headers))


@pytest.fixture
def api():
    """``api(user, scope="read")`` → an ApiClient with a fresh token of that user."""

    def make(user, scope=TokenScope.READ):
        _, key = services.issue_token(user, "Kiểm thử", scope)
        return ApiClient(key)

    return make


def error_of(response) -> dict:
    """The ``error`` object of a JSON error answer, after checking its shape."""
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]
