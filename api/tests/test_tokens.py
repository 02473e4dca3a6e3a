"""Tokens: created by the user, shown once, stored hashed, revocable; bad keys are 401."""

import hashlib

from django.test import Client

from api import services
from api.models import ApiToken, TokenScope
from api.tests.conftest import ApiClient, error_of
from audit.models import AuditEvent


def test_key_is_stored_only_as_its_hash(clerk):
    token, key = services.issue_token(clerk, "Phần mềm văn bản", TokenScope.READ)
    token.refresh_from_db()
    assert key.startswith("dvcq_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().first().values()]
    assert not any(key in value for value in stored)
    assert token.prefix == key[:10]
    assert AuditEvent.objects.filter(target_id=token.pk, verb="create").exists()


def test_token_page_shows_the_new_key_once_then_revokes_it(clerk, program):
    browser = Client()
    browser.force_login(clerk)
    page = browser.get("/tai-khoan/khoa-api/")
    assert page.status_code == 200
    assert "Tạo khoá mới" in page.content.decode()

    response = browser.post(
        "/tai-khoan/khoa-api/tao/", {"name": "Hệ thống báo cáo tỉnh", "scope": "read"}
    )
    assert response.status_code == 302
    shown = browser.get("/tai-khoan/khoa-api/").content.decode()
    token = ApiToken.objects.get(user=clerk)
    key = "dvcq_" + shown.split('value="dvcq_', 1)[1].split('"', 1)[0]
    assert services.hash_key(key) == token.key_hash
    assert key not in browser.get("/tai-khoan/khoa-api/").content.decode()

    assert ApiClient(key).get("/api/v1/programs/").status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None

    browser.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = ApiClient(key).get("/api/v1/programs/")
    assert refused.status_code == 401
    assert error_of(refused)["code"] == "unauthenticated"
    assert "thu hồi" in error_of(refused)["message"]


def test_token_page_refuses_an_empty_name_in_vietnamese(clerk):
    browser = Client()
    browser.force_login(clerk)
    response = browser.post(
        "/tai-khoan/khoa-api/tao/", {"name": "  ", "scope": "read"}, follow=True
    )
    assert "Vui lòng đặt tên gợi nhớ" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_users_token(clerk, charlie):
    token, _key = services.issue_token(clerk, "Của tôi", TokenScope.READ)
    browser = Client()
    browser.force_login(charlie)
    assert browser.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_missing_unknown_and_malformed_keys_are_401_json(clerk, program):
    anonymous = ApiClient(None).get("/api/v1/tasks/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Bearer"
    assert error_of(anonymous)["code"] == "unauthenticated"

    unknown = ApiClient("dvcq_not-a-real-key").get("/api/v1/tasks/")
    assert unknown.status_code == 401
    assert error_of(unknown)["code"] == "unauthenticated"

    _, key = services.issue_token(clerk, "x", TokenScope.READ)
    malformed = Client().get("/api/v1/tasks/", headers={"authorization": f"Token {key}"})
    assert malformed.status_code == 401
    assert "Bearer" in error_of(malformed)["message"]


def test_inactive_users_token_stops_working(clerk, program):
    _, key = services.issue_token(clerk, "x", TokenScope.READ)
    clerk.is_active = False
    clerk.save()
    assert ApiClient(key).get("/api/v1/programs/").status_code == 401
