"""Who may write through which URL: one entry per URL that takes a POST, read by
``test_write_matrix.py``.

An entry names the roles whose POST must change the database (``writers``; every other role's
POST must change nothing at all), the object the URL names (``obj``, a key of
``World.objects``, for URLs with a ``pk``), values for other URL arguments (``args``) and the
form a writer would send (``data``: a function of the world returning the POST body; files
are ``SimpleUploadedFile`` values). Roles are those of ``dvcq/tests/world.py``.

``EXEMPT`` lists the URLs that take a POST but write nothing a role could abuse, with the
reason; a URL in neither table fails the test with its name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from dvcq.tests.access_matrix import COMMUNE, MANAGERS, NOBODY, READERS

HANDLERS = MANAGERS | {"handler"}  # the managers and the handler assigned to the petition


@dataclass(frozen=True)
class Write:
    writers: frozenset
    data: Callable = lambda w: {}
    obj: str | None = None  # also the row compared before and after, for URLs without a pk
    args: dict = field(default_factory=dict)


def own(world, kind):
    return world.objects["own"][kind]


def _meeting_form(world, place):
    return {
        "kind": "ad_hoc",
        "day": "2023-06-01",
        "time": "08:00",
        "place": place,
        "agenda": "Sơ kết 6 tháng",
    }


def _activity_form(world, title):
    return {
        "kind": "propaganda",
        "title": title,
        "held_on": "2023-05-01",
        "place": "Nhà văn hóa",
        "organiser": "UBND xã",
        "participants": "30",
    }


def _program_file():
    from dvcq.tests.world import DRAFT_TEXT

    return SimpleUploadedFile("ct.txt", DRAFT_TEXT.encode(), content_type="text/plain")


def _attendance(world):
    meeting = own(world, "meeting")
    data = {}
    for invitation in meeting.invitations.all():
        data[f"attendance-{invitation.pk}"] = "absent"
        data[f"reason-{invitation.pk}"] = "Ốm"
    return data


def _minutes(world):
    return {
        "discussion": "Các thành viên thống nhất.",
        "ends_at": "10:30",
        "c-TOTAL_FORMS": "0",
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
    }


def _urging(world):
    task = own(world, "task")
    return {
        "program": str(own(world, "program").pk),
        "tasks": [str(task.pk)],
        "issued_on": "2023-12-05",
        "summary": "V/v đôn đốc thực hiện nhiệm vụ",
        "report_by": "2023-12-20",
        "signer_capacity": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn A",
        "recipients": "Như trên",
    }


def _rules(world):
    from reminders.models import ReminderRule

    rules = list(ReminderRule.objects.filter(unit=world.own_unit).order_by("pk"))
    data = {
        "form-TOTAL_FORMS": str(len(rules)),
        "form-INITIAL_FORMS": str(len(rules)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, rule in enumerate(rules):
        data.update(
            {
                f"form-{i}-id": str(rule.pk),
                f"form-{i}-kind": rule.kind,
                f"form-{i}-days": str(rule.days + 1),
                f"form-{i}-weekday": "" if rule.weekday is None else str(rule.weekday),
            }
        )
        if rule.active:
            data[f"form-{i}-active"] = "on"
    return data


def _score(world):
    from inspections.models import Criterion

    inspection = own(world, "inspection")
    data = {"conclusion": "Đạt yêu cầu."}
    for criterion in Criterion.objects.filter(section__template=inspection.template):
        data[f"score_{criterion.pk}"] = "1"
    return data


WRITES: dict[str, Write] = {
    "committee:member_add": Write(
        MANAGERS,
        lambda w: {
            "full_name": "Nguyễn Văn Mới",
            "committee_role": "member",
            "office_title": "Công chức Văn hóa",
            "start_date": "2023-02-01",
        },
    ),
    "committee:member_end": Write(MANAGERS, lambda w: {"end_date": "2023-12-31"}, "seat"),
    "committee:member_hamlets": Write(
        MANAGERS, lambda w: {"hamlets": [str(own(w, "hamlet").pk)]}, "seat"
    ),
    "outgoing:program_issue": Write(MANAGERS, lambda w: {"issued_on": "2023-01-10"}, "program"),
    "documents:import_upload": Write(MANAGERS, lambda w: {"file": _program_file()}),
    "documents:import_review": Write(MANAGERS, lambda w: {"discard": "1"}, "draft"),
    "documents:import_many": Write(MANAGERS, lambda w: {"files": [_program_file()]}),
    "followup:feed_token_create": Write(READERS, lambda w: {"scope": "user"}),
    "followup:feed_token_revoke": Write(frozenset({"office"}), obj="feed_token"),
    "followup:urging": Write(MANAGERS, _urging),
    "meetings:create": Write(MANAGERS, lambda w: _meeting_form(w, "Hội trường mới")),
    "meetings:proposal_confirm": Write(MANAGERS, args={"year": 2023, "half": 1}),
    "meetings:edit": Write(MANAGERS, lambda w: _meeting_form(w, "Phòng họp số 2"), "meeting"),
    "meetings:attendance": Write(MANAGERS, _attendance, "meeting"),
    "meetings:minutes": Write(MANAGERS, _minutes, "meeting"),
    "meetings:number_invitation": Write(MANAGERS, obj="meeting"),
    "activities:create": Write(MANAGERS, lambda w: _activity_form(w, "Hoạt động mới")),
    "activities:edit": Write(MANAGERS, lambda w: _activity_form(w, "Tên mới"), "activity"),
    "activities:anniversaries": Write(
        MANAGERS,
        lambda w: {
            "name": "Ngày giải phóng",
            "month": "5",
            "base_year": "1975",
            "counting": "years",
        },
    ),
    "activities:anniversary_delete": Write(MANAGERS, obj="anniversary"),
    "reminders:read": Write(frozenset({"office"}), obj="notification"),
    "reminders:read_all": Write(frozenset({"office"}), obj="notification"),
    "reminders:rules": Write(MANAGERS, _rules),
    "reminders:preferences": Write(READERS | {"superuser"}, lambda w: {"email": "on"}),
    "citizens:create": Write(
        MANAGERS,
        lambda w: {
            "received_on": "2026-08-10",
            "channel": "post",
            "case_type": "petition",
            "instance": "1",
            "complexity": "normal",
            "competence": "within",
            "eligible": "on",
            "content": "Đề nghị sửa đường liên xóm",
            "name_0": "Trần Văn Dân",
            "address_0": "Xóm 1",
        },
    ),
    "citizens:reveal": Write(
        frozenset({"office", "handler"}), lambda w: {"reason": "Xác minh"}, "petition"
    ),
    "citizens:step_add": Write(
        HANDLERS, lambda w: {"kind": "verify", "date": "2026-08-12"}, "petition"
    ),
    "citizens:extension_add": Write(
        HANDLERS,
        lambda w: {
            "days": "10",
            "decision_number": "12/QĐ-UBND",
            "decision_date": "2026-08-20",
            "reason": "Vụ việc phức tạp",
        },
        "petition",
    ),
    "citizens:assign": Write(
        MANAGERS, lambda w: {"handlers": [str(w.users["member"].pk)]}, "petition"
    ),
    "citizens:letter_issue": Write(HANDLERS, obj="petition"),
    "citizens:summary": Write(HANDLERS, lambda w: {"summary": "Tóm tắt mới"}, "petition"),
    "citizens:schedule": Write(
        MANAGERS,
        lambda w: {
            "kind": "chair",
            "weekday": "2",
            "receiver": "Chủ tịch UBND xã",
            "place": "Trụ sở UBND xã",
            "start_time": "07:30",
            "end_time": "11:00",
            "valid_from": "2026-01-01",
        },
    ),
    "citizens:visit_create": Write(
        MANAGERS,
        lambda w: {
            "date": "2026-08-10",
            "name": "Nguyễn Thị Khách",
            "people": "1",
            "content": "Hỏi về đất đai",
            "case_type": "petition",
        },
    ),
    "citizens:lookup": Write(NOBODY, lambda w: {"code": "XYZ", "pin": "123456"}),
    # The world's member has no device: the reset is still recorded (audit), by whoever may.
    "accounts:otp_reset": Write(frozenset({"office", "superuser"})),
    "inspections:start": Write(
        MANAGERS,
        lambda w: {
            "template": str(own(w, "inspection").template_id),
            "period_start": "2023-07-01",
            "period_end": "2023-12-31",
        },
    ),
    "inspections:score": Write(MANAGERS, _score, "inspection"),
    "inspections:finding_add": Write(
        MANAGERS, lambda w: {"text": "Chưa lưu đủ biên bản"}, "inspection"
    ),
    "brightspots:register": Write(
        MANAGERS,
        lambda w: {
            "name": "Mô hình mới",
            "field": "economy",
            "registrant_kind": "unit",
            "goal": "Làm đường",
            "start_date": "2023-03-01",
            "end_date": "2023-10-31",
            "person_in_charge": "Lê Văn Cường",
        },
    ),
    "brightspots:detail": Write(
        MANAGERS, lambda w: {"action": "progress", "note": "Đã làm thêm"}, "spot"
    ),
    "reports:create": Write(frozenset({"office"}), lambda w: {"kind": "year", "year": "2024"}),
    "reports:edit": Write(
        frozenset({"office"}), lambda w: {"title": "Báo cáo mới"}, "draft_report"
    ),
    "reports:issue": Write(
        frozenset({"office"}), lambda w: {"issued_on": "2024-01-05"}, "draft_report"
    ),
    "reports:submit": Write(frozenset({"office"}), obj="issued_report"),
    "reports:review": Write(NOBODY, lambda w: {"action": "accept"}, "report"),
    "reports:generate": Write(MANAGERS, lambda w: {"fmt": "xlsx"}, "report"),
    "api_tokens:create": Write(READERS, lambda w: {"name": "Khoá mới", "scope": "read"}),
    "api_tokens:revoke": Write(frozenset({"office"}), obj="api_token"),
    "programs:program_document": Write(
        MANAGERS, lambda w: {"title": "Chương trình công tác mới"}, "program"
    ),
    "programs:program_next_year": Write(MANAGERS, obj="program"),
    "programs:task": Write(
        MANAGERS | {"member"},
        lambda w: {"status": "done", "progress": "100", "note": "Đã xong"},
        "task",
    ),
    "programs:task_assign": Write(
        MANAGERS,
        lambda w: {"responsible": str(own(w, "seat").pk), "responsible_office": "Văn phòng"},
        "task",
    ),
}

EXEMPT = {
    "set_language": "sets the language cookie; writes no row",
    "accounts:login": "the login form; its lockout has its own tests (accounts/tests)",
    "accounts:logout": "ends the caller's own session",
    "accounts:otp_verify": "checks the caller's own second factor (accounts/tests)",
    "accounts:otp_enrol": "enrols the caller's own second factor from a code (accounts/tests)",
}

assert not set(WRITES) & set(EXEMPT)
assert all(w.writers <= COMMUNE | {"province_viewer", "superuser"} for w in WRITES.values())
