"""Configuration comes from the environment, strictly parsed, with working defaults."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from dvcq.env import env_bool, env_int, env_list, env_str


def test_defaults_apply_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("DVCQ_X", raising=False)
    assert env_str("DVCQ_X", "a") == "a"
    monkeypatch.setenv("DVCQ_X", "")
    assert env_str("DVCQ_X", "a") == "a"
    assert env_bool("DVCQ_X", True) is True
    assert env_int("DVCQ_X", 7) == 7


def test_values_are_parsed(monkeypatch):
    monkeypatch.setenv("DVCQ_B", "false")
    monkeypatch.setenv("DVCQ_I", "25")
    monkeypatch.setenv("DVCQ_L", "a.vn, b.vn ,")
    assert env_bool("DVCQ_B", True) is False
    assert env_int("DVCQ_I", 0) == 25
    assert env_list("DVCQ_L", "") == ["a.vn", "b.vn"]


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "ten")])
def test_malformed_values_stop_start_up(monkeypatch, reader, value):
    monkeypatch.setenv("DVCQ_BAD", value)
    with pytest.raises(ImproperlyConfigured):
        reader("DVCQ_BAD", 1)


def test_env_example_lists_every_variable_the_settings_read():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r'env_\w+\("([A-Z_]+)"', (root / "dvcq" / "settings.py").read_text()))
    listed = set(re.findall(r"^([A-Z_]+)=", (root / ".env.example").read_text(), re.M))
    assert read <= listed, read - listed
