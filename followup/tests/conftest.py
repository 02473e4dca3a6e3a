import pytest

from followup import calendar, feeds


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Overrides of one test are rolled back without signals: drop the cached copy."""
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def sources(monkeypatch):
    """An empty registry of feed sources for the test."""
    registry: list = []
    monkeypatch.setattr(feeds, "_sources", registry)
    return registry
