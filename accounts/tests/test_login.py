"""Logging in, in Vietnamese, with English available."""

from django.urls import reverse


def test_login_page_is_vietnamese_and_login_works(client, clerk, program):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert "Đăng nhập" in page.content.decode()
    response = client.post(
        reverse("accounts:login"), {"username": "clerk", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    assert client.get(reverse("programs:dashboard")).status_code == 200


def test_wrong_password_gets_a_vietnamese_message(client, clerk):
    response = client.post(reverse("accounts:login"), {"username": "clerk", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_english_is_available(client, clerk):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login"))
    assert "Log in" in page.content.decode()


def test_logout_is_a_post(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("programs:dashboard")).status_code == 302


def test_vietnamese_is_the_default_whatever_the_browser_language(client, db):
    page = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Đăng nhập" in page.content.decode()
    assert page["Content-Language"] == "vi"
