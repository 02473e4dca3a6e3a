"""Writing petitions, steps, extensions and identity reveals: validated, atomic, audited.

A petition received in person (channel ``in_person``) is also a row of the reception
register (sổ tiếp công dân), written in the same transaction as the petition: both or
neither.

Audit entries never carry a petitioner's identity: only the receipt code, the type and the
fields of the case (``_safe_changes``).
"""

import hmac
import secrets
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from citizens import crypto, duplicates
from citizens.access import can_see_identity
from citizens.models import (
    CaseType,
    Channel,
    Competence,
    Extension,
    HandlingStep,
    IdentityView,
    Petition,
    PetitionAttachment,
    Petitioner,
    Result,
    Status,
    StepKind,
    Visit,
)
from citizens.rules import applicable_rule, rules_in_force
from dvcq.storage import evidence_storage
from dvcq.text import fold
from programs.evidence import CheckedFile, check_evidence
from reminders.models import NoticeKind

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
IDENTITY_KEYS = ("name", "address", "id_number", "contact")
CLOSING = {
    StepKind.GUIDE: Result.GUIDED,
    StepKind.FORWARD: Result.FORWARDED,
    StepKind.RETURN: Result.RETURNED,
    StepKind.FILE: Result.FILED,
    StepKind.SEPARATE: Result.GUIDED,
    StepKind.WITHDRAW: Result.WITHDRAWN,
}
DECISION_RESULTS = {Result.RIGHT, Result.WRONG, Result.PARTLY, Result.ANSWERED}
# A denunciation received without a summary (e.g. by a command) until the handler writes one.
SUMMARY_PENDING = gettext_lazy("Đơn tố cáo – nội dung được bảo mật, chưa có tóm tắt.")


def content_fields(secret: bool, content: str, summary: str) -> dict:
    """The content columns of a petition: a denunciation's content only sealed, its summary
    in the clear and searched; any other petition's content in the clear."""
    if secret:
        return {
            "content": "",
            "sealed_content": crypto.seal({"content": content}),
            "summary": summary,
            "content_fold": fold(summary),
        }
    return {
        "content": content,
        "sealed_content": "",
        "summary": summary,
        "content_fold": fold(f"{content} {summary}"),
    }


def refresh_next_due(petition) -> None:
    """Store the due date of the case's earliest unmet deadline (``Petition.next_due``)."""
    from citizens.deadlines import compute, next_open

    upcoming = next_open(compute(petition)) if petition.status != Status.CLOSED else None
    due = upcoming.due if upcoming else None
    if petition.next_due != due:
        petition.next_due = due
        Petition.objects.filter(pk=petition.pk).update(next_due=due)


# Codes and PINs


def new_receipt_code() -> str:
    for _attempt in range(20):
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"DT-{raw[:4]}-{raw[4:]}"
        if not Petition.objects.filter(receipt_code=code).exists():
            return code
    raise RuntimeError("could not draw a free receipt code")  # pragma: no cover


def new_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def hash_pin(code: str, pin: str) -> str:
    return salted_hmac("citizens.pin", f"{code.upper()}:{pin}", algorithm="sha256").hexdigest()


def pin_matches(petition: Petition, pin: str) -> bool:
    return hmac.compare_digest(petition.pin_hash, hash_pin(petition.receipt_code, pin))


# Intake


@dataclass
class IntakeResult:
    """``repeats``: the earlier petitions the receiving clerk may learn the new one matches
    (``duplicates.visible_to``); a match with a denunciation they do not handle is told
    only to its handlers (``_notify_hidden_matches``)."""

    petition: Petition
    pin: str
    repeats: list


def _notify_hidden_matches(petition: Petition, hidden: list) -> None:
    """Tell the handlers of each denunciation the new petition may repeat, and no one else."""
    from reminders.models import Notification

    url = reverse("citizens:detail", args=[petition.pk])
    for match in hidden:
        for user in match.petition.handlers.all():
            Notification.objects.create(
                user=user,
                title=_("Đơn mới có thể liên quan đến đơn tố cáo %(code)s")
                % {"code": match.petition.receipt_code},
                body=_(
                    "Đơn %(new)s vừa tiếp nhận có người viết đơn hoặc nội dung giống đơn tố "
                    "cáo %(code)s mà bạn xử lý. Người tiếp nhận không được báo; chỉ những "
                    "người xử lý đơn tố cáo nhận thông báo này."
                )
                % {"new": petition.receipt_code, "code": match.petition.receipt_code},
                url=url,
            )


def _safe_changes(petition: Petition) -> dict:
    return {
        "receipt_code": [None, petition.receipt_code],
        "case_type": [None, petition.get_case_type_display()],
        "received_on": [None, petition.received_on.isoformat()],
        "channel": [None, petition.get_channel_display()],
        "competence": [None, petition.get_competence_display()],
        "signatories": [None, petition.signatories],
    }


def _clean_people(people: list[dict]) -> list[dict]:
    cleaned = []
    for person in people:
        entry = {k: (person.get(k) or "").strip() for k in IDENTITY_KEYS}
        if entry["name"]:
            entry["representative"] = bool(person.get("representative"))
            cleaned.append(entry)
    return cleaned


def validate_intake(*, received_on, case_type, anonymous, people, today=None) -> list[str]:
    """The Vietnamese error messages for a petition that may not be saved."""
    today = today or timezone.localdate()
    errors = []
    if received_on is None:
        errors.append(_("Hãy nhập ngày nhận đơn."))
    elif received_on > today:
        errors.append(
            _("Ngày nhận đơn (%(day)s) không thể sau ngày hôm nay.")
            % {"day": received_on.strftime("%d/%m/%Y")}
        )
    if not people and not (anonymous and case_type == CaseType.DENUNCIATION):
        errors.append(
            _(
                "Đơn phải có ít nhất một người viết đơn (họ tên). Chỉ đơn tố cáo mới có thể "
                "nặc danh."
            )
        )
    if len(people) >= 5 and not any(p.get("representative") for p in people):
        errors.append(
            _("Đơn có từ 5 người đứng tên trở lên phải ghi rõ người đại diện (Điều 29 Luật TCD).")
        )
    return errors


def _attachment_name(attachment: PetitionAttachment) -> str:
    """Its name in the evidence storage (``citizens/<stored_as>``, sealed bytes)."""
    return f"citizens/{attachment.stored_as}"


def _store_attachment(petition: Petition, checked) -> PetitionAttachment:
    saved = evidence_storage.save(
        f"citizens/{uuid.uuid4().hex}", ContentFile(crypto.seal_bytes(checked.data))
    )
    stored_as = saved.removeprefix("citizens/")
    return PetitionAttachment.objects.create(
        petition=petition,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        stored_as=stored_as,
    )


def read_attachment(attachment: PetitionAttachment) -> bytes:
    with evidence_storage.open(_attachment_name(attachment), "rb") as handle:
        return crypto.unseal_bytes(handle.read())


def download_attachment(*, attachment: PetitionAttachment, user) -> bytes:
    """The attachment's content for a user allowed to see the petitioners' identity; a
    denunciation's scanned petition (the denouncer's handwriting) is logged like a reveal,
    as a letter naming the denouncer is (``letters.render``)."""
    petition = attachment.petition
    if not can_see_identity(user, petition):
        raise PermissionDenied
    if petition.is_secret:
        reason = _("Tải tệp đính kèm %(name)s") % {"name": attachment.name}
        IdentityView.objects.create(petition=petition, user=user, reason=reason[:300])
    return read_attachment(attachment)


def intake(
    *, unit, actor, data: dict, people: list[dict], files=(), in_register: bool = False
) -> IntakeResult:
    """Receive a petition: check everything first, then write it all in one transaction.

    ``data``: received_on, channel, forwarded_by, case_type, instance, complexity,
    remote_area, field, competence, eligible, ineligible_reasons, anonymous, has_originals,
    content. ``people``: dicts with name, address, id_number, contact, representative.
    A petition received in person is written into the reception register too, unless
    ``in_register`` (the caller, ``record_visit``, writes that row itself).

    ``files``: uploaded files, or the ``CheckedFile`` values the intake form has checked.
    Raises ``ValidationError`` with Vietnamese messages; nothing is saved then.
    """
    people = _clean_people(people)
    anonymous = bool(data.get("anonymous")) and not people
    errors = validate_intake(
        received_on=data.get("received_on"),
        case_type=data.get("case_type"),
        anonymous=anonymous,
        people=people,
    )
    checked = []
    for uploaded in files:
        if isinstance(uploaded, CheckedFile):  # already checked by the form
            checked.append(uploaded)
            continue
        try:
            checked.append(check_evidence(uploaded))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if not (data.get("content") or "").strip():
        errors.append(_("Hãy nhập nội dung đơn."))
    if errors:
        raise ValidationError(errors)

    code, pin = new_receipt_code(), new_pin()
    secret = data["case_type"] == CaseType.DENUNCIATION
    content = data["content"].strip()
    summary = (data.get("summary") or "").strip()
    if secret and not summary:
        summary = str(SUMMARY_PENDING)
    names = [p["name"] for p in people]
    matches = duplicates.find_repeats(unit=unit, names=names, content=data["content"])
    repeats = [m for m in matches if duplicates.visible_to(actor, m)]
    hidden = [m for m in matches if not duplicates.visible_to(actor, m)]
    link = next((m.petition for m in repeats if duplicates.may_link(secret, m.petition)), None)
    written = []
    try:
        with transaction.atomic():
            petition = Petition.objects.create(
                unit=unit,
                receipt_code=code,
                pin_hash=hash_pin(code, pin),
                received_on=data["received_on"],
                channel=data["channel"],
                forwarded_by=data.get("forwarded_by", ""),
                case_type=data["case_type"],
                instance=data.get("instance") or 1,
                complexity=data.get("complexity") or "normal",
                remote_area=bool(data.get("remote_area")),
                field=data.get("field"),
                competence=data.get("competence") or Competence.WITHIN,
                eligible=data.get("eligible", True),
                ineligible_reasons=data.get("ineligible_reasons", ""),
                anonymous=anonymous,
                signatories=max(len(people), 1),
                has_originals=bool(data.get("has_originals")),
                **content_fields(secret, content, summary),
                names_fold="" if secret else " | ".join(fold(n) for n in names),
                repeat_of=link,
                created_by=actor,
            )
            for position, person in enumerate(people):
                identity = {k: person[k] for k in IDENTITY_KEYS}
                Petitioner.objects.create(
                    petition=petition,
                    sealed=crypto.seal(identity),
                    **duplicates.index_fields(identity["name"]),
                    is_representative=person["representative"],
                    position=position,
                )
            for item in checked:
                written.append(_store_attachment(petition, item))
            petition.handlers.add(actor)
            _notify_hidden_matches(petition, hidden)
            refresh_next_due(petition)
            if petition.channel == Channel.IN_PERSON and not in_register:
                _register_petition(petition, actor, people)
            record(
                actor=actor,
                unit=unit,
                target=petition,
                verb="create",
                summary=_("Tiếp nhận đơn %(code)s (%(type)s)")
                % {"code": code, "type": petition.get_case_type_display()},
                changes=_safe_changes(petition),
            )
    except Exception:
        for attachment in written:
            evidence_storage.delete(_attachment_name(attachment))
        raise
    return IntakeResult(petition=petition, pin=pin, repeats=repeats)


# Steps


def _check_step(petition: Petition, kind: str, date, result: str) -> list[str]:
    today = timezone.localdate()
    errors = []
    kinds = set(petition.steps.values_list("kind", flat=True))
    if date is None:
        return [_("Hãy nhập ngày của bước xử lý.")]
    if date > today:
        errors.append(_("Ngày của bước xử lý không thể sau ngày hôm nay."))
    if date < petition.received_on:
        errors.append(_("Ngày của bước xử lý không thể trước ngày nhận đơn."))
    if petition.status == Status.CLOSED and kind not in (StepKind.PUBLISH, StepKind.NOTIFY):
        errors.append(_("Đơn đã kết thúc xử lý; không thể thêm bước này."))
    if kind == StepKind.GUIDE and StepKind.GUIDE in kinds:
        errors.append(_("Người viết đơn chỉ được hướng dẫn một lần đối với cùng nội dung."))
    if kind == StepKind.ACCEPT:
        if StepKind.ACCEPT in kinds:
            errors.append(_("Đơn đã được thụ lý."))
        if petition.competence != Competence.WITHIN or not petition.eligible:
            errors.append(_("Chỉ thụ lý đơn thuộc thẩm quyền và đủ điều kiện xử lý."))
        if petition.case_type == CaseType.MIXED:
            errors.append(_("Đơn có nhiều nội dung: hãy hướng dẫn người viết tách đơn."))
    needs_acceptance = {
        StepKind.NOTIFY_ACCEPT,
        StepKind.VERIFY,
        StepKind.DIALOGUE,
        StepKind.DECIDE,
        StepKind.SUSPEND,
    }
    if kind in needs_acceptance and StepKind.ACCEPT not in kinds:
        errors.append(_("Đơn chưa được thụ lý."))
    if kind == StepKind.DECIDE and result not in DECISION_RESULTS:
        errors.append(_("Hãy chọn kết quả giải quyết (đúng, sai, đúng một phần, đã trả lời)."))
    if kind in (StepKind.NOTIFY, StepKind.PUBLISH) and StepKind.DECIDE not in kinds:
        errors.append(_("Chưa có quyết định giải quyết / kết luận."))
    if kind == StepKind.SUSPEND and petition.status == Status.SUSPENDED:
        errors.append(_("Đơn đang tạm đình chỉ."))
    if kind == StepKind.RESUME and petition.status != Status.SUSPENDED:
        errors.append(_("Đơn không ở trạng thái tạm đình chỉ."))
    return errors


def add_step(
    *, petition, actor, kind, date, document_number="", body="", result="", note=""
) -> HandlingStep:
    """Record one handling step and move the case's status; ``ValidationError`` if the step
    does not fit the case."""
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        errors = _check_step(petition, kind, date, result)
        if errors:
            raise ValidationError(errors)
        step = HandlingStep.objects.create(
            petition=petition,
            kind=kind,
            date=date,
            document_number=document_number.strip(),
            body=body.strip(),
            result=result or "",
            note=note.strip(),
            actor=actor,
        )
        before = (petition.status, petition.result)
        if kind == StepKind.ACCEPT or kind == StepKind.RESUME:
            petition.status = Status.ACCEPTED
        elif kind == StepKind.SUSPEND:
            petition.status = Status.SUSPENDED
        elif kind == StepKind.DECIDE:
            petition.status, petition.result = Status.DECIDED, result
        elif kind == StepKind.NOTIFY and petition.status == Status.DECIDED:
            petition.status, petition.closed_on = Status.CLOSED, date
        elif kind in CLOSING:
            petition.status, petition.result, petition.closed_on = (
                Status.CLOSED,
                CLOSING[kind],
                date,
            )
        petition.save(update_fields=["status", "result", "closed_on", "updated_at"])
        refresh_next_due(petition)
        record(
            actor=actor,
            unit=petition.unit,
            target=petition,
            verb="change",
            summary=_("Đơn %(code)s: %(step)s ngày %(day)s %(number)s")
            % {
                "code": petition.receipt_code,
                "step": step.get_kind_display(),
                "day": date.strftime("%d/%m/%Y"),
                "number": document_number,
            },
            changes={
                "status": [before[0], petition.status],
                "result": [before[1], petition.result],
            },
        )
    return step


def add_extension(*, petition, actor, days, decision_number, decision_date, reason) -> Extension:
    """Record an extension of the resolution time limit with its decision."""
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        rule = applicable_rule(
            list(rules_in_force(petition.received_on)),
            step="resolve",
            case_type=petition.case_type,
            instance=petition.instance,
            complexity=petition.complexity,
            remote=petition.remote_area,
        )
        used = petition.extensions.count()
        errors = []
        if petition.status not in (Status.ACCEPTED, Status.SUSPENDED):
            errors.append(_("Chỉ gia hạn khi đơn đã thụ lý và chưa có kết luận."))
        if rule is None or used >= rule.extensions_allowed:
            errors.append(
                _("Theo quy định, vụ việc này không được gia hạn thêm (đã gia hạn %(n)s lần).")
                % {"n": used}
            )
        elif days < 1 or days > rule.extension_days:
            errors.append(
                _("Mỗi lần gia hạn không quá %(days)s ngày (%(basis)s).")
                % {"days": rule.extension_days, "basis": rule.legal_basis}
            )
        if not decision_number.strip():
            errors.append(_("Hãy nhập số quyết định gia hạn."))
        if decision_date is None or decision_date > timezone.localdate():
            errors.append(_("Ngày quyết định gia hạn không hợp lệ."))
        if errors:
            raise ValidationError(errors)
        extension = Extension.objects.create(
            petition=petition,
            days=days,
            decision_number=decision_number.strip(),
            decision_date=decision_date,
            reason=reason.strip(),
            actor=actor,
        )
        refresh_next_due(petition)
        petition.refresh_from_db(fields=["next_due"])
        _tell(
            petition,
            petition.handlers.all(),
            NoticeKind.PETITION_EXTENDED,
            f"{petition.pk}:extension:{extension.pk}",
            _("Đơn %(code)s được gia hạn %(days)s ngày")
            % {"code": petition.receipt_code, "days": days},
            _("Theo quyết định %(number)s; hạn mới: %(due)s")
            % {
                "number": extension.decision_number,
                "due": petition.next_due.strftime("%d/%m/%Y") if petition.next_due else "—",
            },
        )
        record(
            actor=actor,
            unit=petition.unit,
            target=petition,
            verb="change",
            summary=_("Đơn %(code)s: gia hạn %(days)s ngày theo %(number)s")
            % {"code": petition.receipt_code, "days": days, "number": decision_number},
        )
    return extension


def _tell(petition, users, kind: str, key: str, title: str, body: str) -> None:
    """Notify handlers of a case by its receipt code (never the petitioner's name)."""
    from django.urls import reverse

    from reminders.notify import notify

    notify(
        users,
        kind=kind,
        key=key,
        title=title,
        body=body,
        url=reverse("citizens:detail", args=[petition.pk]),
    )


def assign_handlers(*, petition, actor, users) -> None:
    """Set the petition's handlers; each newly assigned one is told (not the person who
    assigns themselves)."""
    users = [u for u in users if u.unit_id == petition.unit_id]
    with transaction.atomic():
        before = set(petition.handlers.values_list("pk", flat=True))
        petition.handlers.set(users)
        _tell(
            petition,
            [u for u in users if u.pk not in before and u.pk != getattr(actor, "pk", None)],
            NoticeKind.PETITION_HANDLER,
            f"{petition.pk}:handler",
            _("Anh/chị được giao xử lý đơn %(code)s") % {"code": petition.receipt_code},
            _("Hạn bước tiếp theo: %(due)s")
            % {"due": petition.next_due.strftime("%d/%m/%Y") if petition.next_due else "—"},
        )
        record(
            actor=actor,
            unit=petition.unit,
            target=petition,
            verb="change",
            summary=_("Đơn %(code)s: phân công %(who)s")
            % {"code": petition.receipt_code, "who": ", ".join(u.display_name for u in users)},
        )


def reveal_identity(*, petition, user, reason: str) -> list[dict]:
    """The petitioners' identities for a user allowed to see them; for a denunciation each
    reveal is logged with its reason."""
    if not can_see_identity(user, petition):
        raise PermissionDenied
    if petition.is_secret:
        if not reason.strip():
            raise ValidationError(_("Hãy ghi lý do xem thông tin người tố cáo."))
        IdentityView.objects.create(petition=petition, user=user, reason=reason.strip()[:300])
    return [
        {**p.identity, "representative": p.is_representative} for p in petition.petitioners.all()
    ]


# Reception register


def _visit_content(case_type: str, content: str) -> dict:
    """A denunciation's content is sealed in the register too; any other is in the clear."""
    if case_type == CaseType.DENUNCIATION:
        return {"content": "", "sealed_content": crypto.seal({"content": content})}
    return {"content": content, "sealed_content": ""}


def _next_visit_number(unit, day) -> int:
    """The register's next number in ``day``'s year; the year's rows stay locked until the
    transaction ends, so two clerks do not take one number."""
    year_visits = Visit.objects.select_for_update().filter(unit=unit, date__year=day.year)
    return max(year_visits.values_list("number", flat=True), default=0) + 1


def _write_visit(*, unit, actor, data: dict, identity: dict, petition=None) -> Visit:
    """One row of the reception register, numbered and audited (call inside a transaction).
    ``identity``: name, address, id_number, representatives (sealed)."""
    number = _next_visit_number(unit, data["date"])
    visit = Visit.objects.create(
        unit=unit,
        number=number,
        date=data["date"],
        sealed=crypto.seal(identity),
        **_visit_content(data["case_type"], data["content"].strip()),
        case_type=data["case_type"],
        people=data.get("people") or 1,
        handled_before=data.get("handled_before", ""),
        within_competence=bool(data.get("within_competence")),
        guided_to=data.get("guided_to", ""),
        forwarded_to=data.get("forwarded_to", ""),
        result=data.get("result", ""),
        notes=data.get("notes", ""),
        slot=data.get("slot"),
        petition=petition,
        received_by=actor,
    )
    record(
        actor=actor,
        unit=unit,
        target=visit,
        verb="create",
        summary=_("Sổ tiếp công dân: lượt số %(n)s ngày %(day)s")
        % {"n": number, "day": data["date"].strftime("%d/%m/%Y")},
    )
    return visit


def _register_petition(petition: Petition, actor, people: list[dict]) -> Visit:
    """The reception register's row of a petition received in person: the first petitioner
    (the representatives when there are any), how many came, the content, competence."""
    representatives = [p["name"] for p in people if p.get("representative")]
    first = people[0] if people else {}
    return _write_visit(
        unit=petition.unit,
        actor=actor,
        data={
            "date": petition.received_on,
            "case_type": petition.case_type,
            "content": petition.full_content(),
            "people": max(len(people), 1),
            "within_competence": petition.competence == Competence.WITHIN,
            "notes": _("Đơn %(code)s") % {"code": petition.receipt_code},
        },
        identity={
            "name": first.get("name", ""),
            "address": first.get("address", ""),
            "id_number": first.get("id_number", ""),
            "representatives": ", ".join(representatives),
        },
        petition=petition,
    )


def record_visit(*, unit, actor, data: dict, open_petition: bool = False, files=()):
    """Write one row of the reception register; with ``open_petition`` also receive the
    petition in the same transaction (channel: in person). Returns (visit, IntakeResult|None).
    """
    errors = []
    if data.get("date") is None or data["date"] > timezone.localdate():
        errors.append(_("Ngày tiếp công dân không hợp lệ hoặc sau ngày hôm nay."))
    if not (data.get("name") or "").strip():
        errors.append(_("Hãy nhập họ tên công dân."))
    if (data.get("people") or 1) >= 5 and not (data.get("representatives") or "").strip():
        errors.append(_("Đoàn từ 5 người trở lên phải ghi tên người đại diện."))
    if errors:
        raise ValidationError(errors)
    identity = {
        "name": data["name"].strip(),
        "address": (data.get("address") or "").strip(),
        "id_number": (data.get("id_number") or "").strip(),
        "representatives": (data.get("representatives") or "").strip(),
    }
    with transaction.atomic():
        visit = _write_visit(unit=unit, actor=actor, data=data, identity=identity)
        opened = None
        if open_petition:
            opened = intake(
                unit=unit,
                actor=actor,
                data={
                    "received_on": data["date"],
                    "channel": Channel.IN_PERSON,
                    "case_type": data["case_type"],
                    "competence": Competence.WITHIN
                    if data.get("within_competence")
                    else Competence.OUTSIDE,
                    "content": data["content"],
                    "field": data.get("field"),
                },
                people=[
                    {
                        "name": identity["name"],
                        "address": identity["address"],
                        "id_number": identity["id_number"],
                        "representative": True,
                    }
                ],
                files=files,
                in_register=True,
            )
            visit.petition = opened.petition
            visit.save(update_fields=["petition"])
    return visit, opened


# Letters


@transaction.atomic
def issue_letter(*, step, actor, day=None):
    """Number the letter of ``step`` from the unit's outgoing register and record the number
    and date on the step.

    The number is taken by ``outgoing.services.issue_document``, the one numbering path
    (atomic, in this transaction: a refusal below gives it back), with the People's
    Committee as issuer ("05/TB-UBND"; a Công văn's code also names the drafting unit:
    "06/UBND-VP").
    """
    from citizens import letters
    from outgoing import doctypes
    from outgoing.services import issue_document

    day = day or timezone.localdate()
    step = (
        HandlingStep.objects.select_for_update(of=("self",))
        .select_related("petition__unit")
        .get(pk=step.pk)
    )
    petition = step.petition
    spec = letters.spec_for(step)
    errors = []
    if spec is None:
        errors.append(_("Bước xử lý này không có văn bản để cấp số."))
    if step.letter_id or step.document_number:
        errors.append(
            _("Bước xử lý đã có số văn bản %(n)s; không cấp số lại.") % {"n": step.document_number}
        )
    if day < step.date:
        errors.append(_("Ngày ban hành văn bản không thể trước ngày của bước xử lý."))
    if day > timezone.localdate():
        errors.append(_("Ngày ban hành văn bản không thể sau ngày hôm nay."))
    if errors:
        raise ValidationError(errors)
    doc_type = doctypes.canonical(spec.doc_type)
    document = issue_document(
        unit=petition.unit,
        doc_type=doc_type,
        day=day,
        summary=f"{doc_type} {spec.summary} (đơn {petition.receipt_code})",
        actor=actor,
        issuer_code=letters.ISSUER_CODE,
    )
    number_symbol = document.number_symbol
    step.letter, step.document_number, step.document_date = document, number_symbol, day
    step.save(update_fields=["letter", "document_number", "document_date"])
    record(
        actor=actor,
        unit=petition.unit,
        target=petition,
        verb="change",
        summary=_("Đơn %(code)s: %(step)s – văn bản số %(symbol)s ngày %(day)s")
        % {
            "code": petition.receipt_code,
            "step": step.get_kind_display(),
            "symbol": number_symbol,
            "day": day.strftime("%d/%m/%Y"),
        },
        changes={"document_number": [None, number_symbol]},
    )
    return step


def set_summary(*, petition, actor, summary: str) -> None:
    """The handler's summary of the content, without identifying details (the only text of a
    denunciation others see and search)."""
    summary = summary.replace("\x00", "").strip()  # PostgreSQL text holds no NUL
    if not summary:
        raise ValidationError(_("Hãy nhập tóm tắt nội dung."))
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        fields = content_fields(petition.is_secret, petition.full_content(), summary)
        for name, value in fields.items():
            setattr(petition, name, value)
        petition.save(update_fields=[*fields, "updated_at"])
        record(
            actor=actor,
            unit=petition.unit,
            target=petition,
            verb="change",
            summary=_("Đơn %(code)s: cập nhật tóm tắt nội dung") % {"code": petition.receipt_code},
            changes={"summary": [None, summary]},
        )
