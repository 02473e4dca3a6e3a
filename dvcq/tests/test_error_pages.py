"""Error pages in Vietnamese (with DEBUG off, as in production and in the demo): not found,
refused, bad request, and the server error page, which stands alone (no base template, no
context) in a copy of the site's frame."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _home_link(html: str) -> bool:
    return f'href="{reverse("programs:dashboard")}"' in html and "Về trang chủ" in html


def test_a_missing_address_gives_the_vietnamese_not_found_page(client, clerk):
    client.force_login(clerk)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "Not Found" not in html
    assert _home_link(html)
    assert "Đăng xuất" in html  # the site's own frame, with the user's menu


def test_a_case_of_another_commune_is_not_found_for_a_refused_user(client, charlie, program):
    client.force_login(charlie)
    response = client.get(reverse("programs:program", args=[program.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_forbidden_action_gives_the_vietnamese_refusal_page(client, province):
    # The audit log is read-only, even for the administrator.
    root = User.objects.create_superuser(username="root", password="x-pass-123", unit=province)
    client.force_login(root)
    response = client.get("/quan-tri/audit/auditevent/add/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không được phép" in html and "403 Forbidden" not in html
    assert _home_link(html)


def test_a_request_for_an_unknown_host_gives_the_vietnamese_bad_request_page(client):
    response = client.get("/", headers={"host": "khong-phai-may-chu.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html and "Bad Request" not in html


def test_a_form_sent_without_its_security_token_gives_the_vietnamese_expired_form_page(clerk):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(clerk)
    response = browser.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html and "CSRF verification failed" not in html
    assert _home_link(html)
    assert "Đăng xuất" in html


def test_the_server_error_page_stands_alone_in_the_site_frame():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi hệ thống" in html and "Server Error" not in html
    assert '<a href="/">Về trang chủ</a>' in html
    assert 'class="topbar"' in html and 'class="foot"' in html
    assert "<script" not in html and "<link" not in html
