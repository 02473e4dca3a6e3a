"""Each token has its own request budget; beyond it a 429 with Retry-After."""

from api.tests.conftest import error_of


def test_429_after_the_budget_with_retry_after(api, clerk, settings, program):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_token": "3/minute"},
    }
    first, second = api(clerk), api(clerk)
    for _ in range(3):
        assert first.get("/api/v1/programs/").status_code == 200
    refused = first.get("/api/v1/programs/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    error = error_of(refused)
    assert error["code"] == "rate_limited"
    assert "thử lại sau" in error["message"]
    assert error["details"]["retry_after"] == int(refused["Retry-After"])
    # Another token of the same user has its own budget.
    assert second.get("/api/v1/programs/").status_code == 200


def test_the_budget_is_kept_where_every_worker_counts_it(api, clerk, settings, program):
    """Not in a worker's own memory: emptying the local cache (another worker, a restart)
    gives no fresh budget."""
    from django.core.cache import cache

    from dvcq import counters

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_token": "2/minute"},
    }
    client = api(clerk)
    assert [client.get("/api/v1/programs/").status_code for _ in range(2)] == [200, 200]
    cache.clear()
    assert client.get("/api/v1/programs/").status_code == 429
    assert counters.current(f"throttle_api_token_{clerk.api_tokens.get().pk}") == 3
