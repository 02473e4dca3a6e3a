"""The bell in the header, the notifications page, marking read (POST only)."""

import re

from django.urls import reverse

from reminders.dispatch import run_reminder_pass
from reminders.models import Notification

from .helpers import DAY_BEFORE, add_task


def bell_count(client) -> int:
    html = client.get(reverse("programs:dashboard")).content.decode()
    assert 'class="bell"' in html
    match = re.search(r'<strong class="bell-count">(\d+)</strong>', html)
    return int(match[1]) if match else 0


def test_bell_counts_unread_and_mark_as_read_lowers_it(client, task, seat, member_user):
    add_task(task.program, seat, "Tổ chức hội nghị đối thoại")
    run_reminder_pass(DAY_BEFORE)
    client.force_login(member_user)
    assert bell_count(client) == 2

    page = client.get(reverse("reminders:list")).content.decode()
    assert "Nhiệm vụ đến hạn ngày 31/03/2023" in page
    assert "2 thông báo chưa đọc" in page

    first = Notification.objects.filter(user=member_user).first()
    response = client.post(reverse("reminders:read", args=[first.pk]))
    assert response.status_code == 302
    assert bell_count(client) == 1

    client.post(reverse("reminders:read_all"))
    assert bell_count(client) == 0
    assert "0 thông báo chưa đọc" in client.get(reverse("reminders:list")).content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_task(client, task, member_user):
    run_reminder_pass(DAY_BEFORE)
    client.force_login(member_user)
    notification = Notification.objects.get(user=member_user)
    response = client.post(
        reverse("reminders:read", args=[notification.pk]), {"next": notification.url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:task", args=[task.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_read_needs_post_and_only_touches_own_notifications(
    client, task, member_user, clerk
):
    run_reminder_pass(DAY_BEFORE)
    notification = Notification.objects.get(user=member_user)
    client.force_login(clerk)
    assert client.post(reverse("reminders:read", args=[notification.pk])).status_code == 404
    client.post(reverse("reminders:read_all"))
    client.force_login(member_user)
    assert client.get(reverse("reminders:read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("reminders:read_all")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_offsite_next_is_not_followed(client, task, member_user):
    run_reminder_pass(DAY_BEFORE)
    client.force_login(member_user)
    notification = Notification.objects.get(user=member_user)
    response = client.post(
        reverse("reminders:read", args=[notification.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("reminders:list")


def test_preferences_page_saves_the_channels(client, member_user):
    client.force_login(member_user)
    page = client.get(reverse("reminders:preferences")).content.decode()
    assert "chưa có địa chỉ thư điện tử" in page
    response = client.post(reverse("reminders:preferences"), {"in_app": "on"})
    assert response.status_code == 302
    member_user.notification_preference.refresh_from_db()
    assert member_user.notification_preference.in_app is True
    assert member_user.notification_preference.email is False


def test_anonymous_users_see_no_bell_and_are_sent_to_login(client, db):
    response = client.get(reverse("reminders:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
