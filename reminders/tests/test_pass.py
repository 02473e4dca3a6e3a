"""The reminder pass against a real SMTP server: each person gets one digest a day, and
running the pass again sends nothing twice."""

import datetime
import io
import json

from django.core.management import call_command

from reminders.dispatch import run_reminder_pass
from reminders.models import DigestStatus, EmailDigest, Notification, ReminderDelivery
from reminders.services import set_preferences

from .helpers import (
    DAY_BEFORE,
    FIRST_OVERDUE,
    SEVEN_BEFORE,
    WEEK_LATER,
    add_task,
    head_seat,
    with_email,
)


def test_one_digest_per_person_per_day_listing_every_task(smtp, task, seat, member_user):
    with_email(member_user, "nam@xa.example")
    second = add_task(task.program, seat, "Tổ chức hội nghị đối thoại với Nhân dân")

    run_reminder_pass(DAY_BEFORE)

    assert len(smtp.messages) == 1
    [body] = smtp.bodies_to("nam@xa.example")
    assert task.short_text in body
    assert second.short_text in body
    assert "31/03/2023" in body
    assert "/nhiem-vu/" in body  # a link back to each task
    [message] = smtp.to("nam@xa.example")
    assert "30/03/2023" in message["Subject"]


def test_a_second_run_the_same_day_sends_nothing(smtp, task, member_user):
    with_email(member_user, "nam@xa.example")
    run_reminder_pass(DAY_BEFORE)
    run_reminder_pass(DAY_BEFORE)
    out = io.StringIO()
    call_command("send_reminders", "--today", DAY_BEFORE.isoformat(), stdout=out)
    assert json.loads(out.getvalue())["reminders"] == 0  # it reports nothing new

    assert len(smtp.messages) == 1
    assert Notification.objects.filter(user=member_user).count() == 1
    assert ReminderDelivery.objects.count() == 1


def test_reminders_follow_the_rules_day_by_day(smtp, task, member_user):
    """Every working day from mid-March to mid-April: 7 and 1 working days before, the first
    overdue day, and a week later; nothing on the days between."""
    with_email(member_user, "nam@xa.example")
    day = datetime.date(2023, 3, 15)
    while day <= datetime.date(2023, 4, 14):
        run_reminder_pass(day)
        day += datetime.timedelta(days=1)

    titles = list(
        Notification.objects.filter(user=member_user).order_by("id").values_list("title", flat=True)
    )
    assert titles == [
        "Nhiệm vụ đến hạn ngày 31/03/2023",
        "Nhiệm vụ đến hạn ngày 31/03/2023",
        "Nhiệm vụ quá hạn từ ngày 31/03/2023",
        "Nhiệm vụ quá hạn từ ngày 31/03/2023",
    ]
    days = sorted(EmailDigest.objects.values_list("day", flat=True))
    assert days == [SEVEN_BEFORE, DAY_BEFORE, FIRST_OVERDUE, WEEK_LATER]
    bodies = smtp.bodies_to("nam@xa.example")
    assert len(bodies) == 4
    assert "Còn 7 ngày làm việc đến hạn." in bodies[0]
    assert "Còn 1 ngày làm việc đến hạn." in bodies[1]
    assert "Đã quá hạn 3 ngày" in bodies[2]


def test_weekly_summary_goes_to_office_chair_and_head(smtp, task, clerk, chair, viewer, commune):
    with_email(clerk, "vanphong@xa.example")
    with_email(chair, "chutich@xa.example")
    with_email(viewer, "xem@xa.example")
    head_user = with_email(
        type(clerk).objects.create_user("head", unit=commune, role="member"), "truongban@xa.example"
    )
    head_seat(commune, head_user)

    run_reminder_pass(FIRST_OVERDUE)  # a Monday, with one task overdue

    for address in ("vanphong@xa.example", "chutich@xa.example", "truongban@xa.example"):
        [body] = smtp.bodies_to(address)
        assert "Xã Hưng Chính có 1 nhiệm vụ quá hạn" in body
        assert task.short_text in body
    assert smtp.to("xem@xa.example") == []

    run_reminder_pass(FIRST_OVERDUE + datetime.timedelta(days=1))  # Tuesday: no new summary
    assert len(smtp.to("vanphong@xa.example")) == 1


def test_channels_chosen_by_the_user(smtp, task, member_user):
    with_email(member_user, "nam@xa.example")
    set_preferences(member_user, in_app=True, email=False)
    run_reminder_pass(DAY_BEFORE)
    assert smtp.messages == []
    assert Notification.objects.filter(user=member_user).count() == 1

    set_preferences(member_user, in_app=False, email=True)
    run_reminder_pass(FIRST_OVERDUE)
    assert len(smtp.to("nam@xa.example")) == 1
    assert Notification.objects.filter(user=member_user).count() == 1


def test_users_without_an_address_get_no_mail_but_the_bell(smtp, task, member_user):
    run_reminder_pass(DAY_BEFORE)
    assert smtp.messages == []
    assert Notification.objects.filter(user=member_user, read_at=None).count() == 1
    assert not EmailDigest.objects.exists()


def test_no_reminders_on_a_day_off(smtp, task, member_user):
    with_email(member_user, "nam@xa.example")
    result = run_reminder_pass(datetime.date(2023, 4, 2))  # a Sunday
    assert result["not_a_working_day"] == 1
    assert smtp.messages == []


def test_finished_tasks_and_draft_programs_are_not_reminded(smtp, task, member_user):
    with_email(member_user, "nam@xa.example")
    task.status = "done"
    task.save(update_fields=["status"])
    run_reminder_pass(DAY_BEFORE)
    assert smtp.messages == []
    assert not Notification.objects.exists()


def test_the_digest_records_what_was_sent(smtp, task, member_user):
    with_email(member_user, "nam@xa.example")
    run_reminder_pass(DAY_BEFORE)
    digest = EmailDigest.objects.get()
    assert digest.status == DigestStatus.SENT
    assert digest.to_address == "nam@xa.example"
    assert task.short_text in digest.body
    assert list(digest.items.values_list("task", flat=True)) == [task.pk]
