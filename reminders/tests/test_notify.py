"""One notification service: each hand-off tells exactly the people concerned, once, in the
app; each person's choice per kind decides whether the daily e-mail digest carries it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Role
from citizens import services as citizens
from citizens.models import CaseType, Complexity, StepKind
from citizens.tests.conftest import receive, step
from committee.models import CommitteeMember, CommitteeRole
from conftest import make_user
from followup import urging
from programs import services as programs
from reminders import digests
from reminders import services as reminders
from reminders.models import NoticeKind, Notification
from reminders.notify import notify

D = datetime.date


def issued_letter(**draft):
    """An urging letter drafted, submitted and issued today (numbered at issue)."""
    from django.utils import timezone

    letter = urging.draft_letter(**draft)
    urging.move_letter(letter=letter, actor=draft["actor"], step="submit")
    return urging.issue_urging_letter(letter=letter, actor=draft["actor"], day=timezone.localdate())


@pytest.fixture
def helper(commune):
    """A second member with an account: the cooperator."""
    user = make_user("helper", commune, Role.MEMBER)
    return CommitteeMember.objects.create(
        unit=commune,
        full_name="Hoàng Thị Lan",
        committee_role=CommitteeRole.MEMBER,
        user=user,
        start_date=D(2023, 1, 1),
    )


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_the_same_event_is_told_once_however_often_it_is_sent(clerk, chair):
    for _attempt in range(3):
        notify([clerk, chair, clerk], kind=NoticeKind.REPORT_RETURNED, key="7:x", title="T")
    assert told(NoticeKind.REPORT_RETURNED) == ["chair", "clerk"]


def test_an_assignment_tells_the_responsible_member_and_cooperators_once(
    program, seat, helper, other_seat, clerk
):
    task = program.tasks.get(position=1)
    for _again in range(2):
        programs.assign_task(task=task, actor=clerk, responsible=seat, cooperators=[helper])
    assert told(NoticeKind.TASK_ASSIGNED) == ["helper", "member"]
    mine = Notification.objects.get(user=seat.user)
    assert mine.url == f"/nhiem-vu/{task.pk}/" and "chủ trì" in mine.title
    assert "31/03/2023" in mine.title
    # A new due date is told again; the person without an account is nobody to tell.
    programs.assign_task(
        task=task,
        actor=clerk,
        responsible=seat,
        cooperators=[helper, other_seat],
        due_date=D(2023, 4, 28),
    )
    assert told(NoticeKind.TASK_ASSIGNED) == ["helper", "helper", "member", "member"]


def test_a_draft_programs_tasks_are_told_when_it_is_issued(program, seat, clerk):
    program.status = "draft"
    program.save()
    task = program.tasks.get(position=2)
    programs.assign_task(task=task, actor=clerk, responsible=seat)
    assert told(NoticeKind.TASK_ASSIGNED) == []
    programs.update_program_document(
        program=program, actor=clerk, number_symbol="12/CTr-BCĐ", issued_on=D(2023, 1, 20)
    )
    assert told(NoticeKind.TASK_ASSIGNED) == ["member"]


def test_an_urging_letter_tells_each_person_named(program, seat, other_seat, helper, clerk):
    first, second = program.tasks.get(position=1), program.tasks.get(position=2)
    for task, person in ((first, seat), (second, helper)):
        task.responsible = person
        task.save()
    letter = issued_letter(
        unit=program.unit,
        program=program,
        task_ids=[first.pk, second.pk],
        actor=clerk,
        day=D(2023, 8, 1),
    )
    assert told(NoticeKind.URGING_LETTER) == ["helper", "member"]
    note = Notification.objects.get(user=seat.user)
    assert letter.number_symbol in note.title
    assert urging.tell_named(letter) == 0  # told once


def test_a_handler_is_told_of_the_assignment_and_of_an_extension(commune, clerk, chair):
    handler = make_user("canbo", commune, Role.MEMBER)
    petition = receive(
        commune,
        clerk,
        day=D(2026, 7, 27),
        case_type=CaseType.DENUNCIATION,
        complexity=Complexity.ESPECIALLY,
    ).petition
    citizens.assign_handlers(petition=petition, actor=chair, users=[clerk, handler])
    citizens.assign_handlers(petition=petition, actor=chair, users=[clerk, handler])
    assert told(NoticeKind.PETITION_HANDLER) == ["canbo"]  # the clerk was already handling it
    assert petition.receipt_code in Notification.objects.get(user=handler).title
    step(petition, clerk, StepKind.ACCEPT, D(2026, 8, 3))
    citizens.add_extension(
        petition=petition,
        actor=clerk,
        days=30,
        decision_number="5/QĐ-UBND",
        decision_date=D(2026, 8, 20),
        reason="Phải xác minh nhiều nơi",
    )
    assert told(NoticeKind.PETITION_EXTENDED) == ["canbo", "clerk"]


def _digest_text(user):
    now = timezone.now()
    digests.queue_digests(timezone.localdate(), now=now)
    digests.send_due_digests(now=now)
    return "\n".join(m.body for m in mail.outbox if user.email in m.to)


def test_the_choice_per_kind_decides_whether_the_digest_carries_it(clerk, chair):
    for user in (clerk, chair):
        user.email = f"{user.username}@example.com"
        user.save()
    reminders.set_email_kinds(chair, [k for k in NoticeKind.values if k != "report_returned"])
    notify(
        [clerk, chair],
        kind=NoticeKind.REPORT_RETURNED,
        key="1",
        title="Báo cáo 01/BC bị trả lại",
        body="Bổ sung số liệu.",
        url="/bao-cao/1/",
    )
    # Both see it in the app; only the clerk, who left the default, gets it by e-mail.
    assert Notification.objects.filter(title="Báo cáo 01/BC bị trả lại").count() == 2
    assert "Báo cáo 01/BC bị trả lại" in _digest_text(clerk)
    assert "Bổ sung số liệu." in _digest_text(clerk)
    assert not [m for m in mail.outbox if chair.email in m.to]
    # Told in one digest only: the next pass sends nothing more.
    sent = len(mail.outbox)
    _digest_text(clerk)
    assert len(mail.outbox) == sent


def test_the_preferences_page_saves_the_choice_per_kind(client, member_user):
    client.force_login(member_user)
    page = client.get("/thong-bao/cai-dat/").content.decode()
    assert "Giấy mời họp" in page and 'value="meeting_invitation"' in page
    client.post(
        "/thong-bao/cai-dat/",
        {"in_app": "on", "email": "on", "email_kinds": ["task_assigned"]},
    )
    assert reminders.email_kinds_of(member_user) == {"task_assigned"}


def test_a_meeting_conclusion_that_becomes_a_task_tells_its_owner(program, seat, clerk):
    programs.add_task(
        program=program,
        actor=clerk,
        text="Rà soát các hộ nghèo",
        due_date=D(2023, 9, 29),
        responsible=seat,
        source="Kết luận cuộc họp ngày 14/07/2023",
    )
    assert told(NoticeKind.TASK_ASSIGNED) == ["member"]
    assert "29/09/2023" in Notification.objects.get(user=seat.user).title
