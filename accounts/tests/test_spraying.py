"""Password spraying: one username guessed from many addresses, a few tries from each, stays
under axes' per-address lockout. Past the account's limit it is held, whoever asks; the
office of its unit (or an administrator) releases it, and the release is audited."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from accounts import spraying
from accounts.models import Role
from audit.models import AuditEvent
from conftest import TEST_PASSWORD, make_user


@pytest.fixture
def limits(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.DVCQ_LOGIN_ACCOUNT_LIMIT = 8
    settings.DVCQ_LOGIN_ACCOUNT_WINDOW_MINUTES = 30


def _login(client, username, password, ip):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _spray(client, username, addresses=4, tries=2):
    for n in range(addresses):
        for _ in range(tries):
            response = _login(client, username, "doan-mo-123", f"198.51.100.{n + 1}")
            assert response.status_code == 200  # never axes' lockout: few from each address


@pytest.mark.django_db
def test_an_account_sprayed_from_many_addresses_is_held(client, clerk, limits):
    _spray(client, "clerk")
    # The real owner, from a fresh address, with the right password: held, and told why.
    response = _login(client, "clerk", TEST_PASSWORD, "203.0.113.50")
    assert response.status_code == 200
    page = response.content.decode()
    assert "tạm thời bị khóa đăng nhập" in page and "30" in page
    assert client.get(reverse("programs:dashboard")).status_code == 302
    # Any other way in is refused too, without checking the password.
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.51")
    assert authenticate(request, username="clerk", password=TEST_PASSWORD) is None


@pytest.mark.django_db
def test_below_the_limit_the_owner_still_logs_in(client, clerk, limits):
    _spray(client, "clerk", addresses=3)
    assert _login(client, "clerk", TEST_PASSWORD, "203.0.113.50").status_code == 302


@pytest.mark.django_db
def test_the_office_of_the_unit_releases_the_account_and_it_is_audited(
    client, commune, clerk, member_user, viewer, charlie, limits
):
    _spray(client, "member")
    assert spraying.is_held("member")
    client.force_login(viewer)
    assert client.get(reverse("accounts:held")).status_code == 404
    for outsider in (viewer, charlie):  # charlie: the office of another commune
        client.force_login(outsider)
        assert client.post(reverse("accounts:held"), {"user": member_user.pk}).status_code == 404
    client.force_login(charlie)
    assert "member" not in client.get(reverse("accounts:held")).content.decode()
    assert spraying.is_held("member")

    client.force_login(clerk)
    page = client.get(reverse("accounts:held")).content.decode()
    assert "member" in page
    response = client.post(reverse("accounts:held"), {"user": member_user.pk}, follow=True)
    assert "Đã mở khóa đăng nhập cho tài khoản member" in response.content.decode()
    assert not spraying.is_held("member")
    event = AuditEvent.objects.get(verb="unlock_login")
    assert event.actor == clerk and event.target_id == member_user.pk
    client.logout()
    assert _login(client, "member", TEST_PASSWORD, "203.0.113.60").status_code == 302


@pytest.mark.django_db
def test_an_administrator_releases_it_in_the_back_office(client, commune, clerk, limits):
    admin = make_user("quantri", None, Role.VIEWER)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    _spray(client, "clerk")
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "release_login", "_selected_action": [clerk.pk]},
    )
    assert response.status_code == 302
    assert not spraying.is_held("clerk")
    assert AuditEvent.objects.filter(verb="unlock_login", actor=admin).count() == 1
