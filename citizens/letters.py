"""The letters of the main handling steps as .docx in the Decree 30/2020 format, written with
the project's small Decree 30 writer (``meetings.docx_letter.Letter``).

A letter to a denouncer carries their name only when the user may see it; generating it is
then logged as a reveal (``IdentityView``) like any other.
"""

from django.utils.translation import gettext as _

from citizens.models import CaseType, IdentityView, StepKind
from meetings.docx_letter import Letter, decree_date, number_line, place_name

# step kind → (type name, code, summary)
LETTERS = {
    StepKind.ACCEPT: ("THÔNG BÁO", "TB", "Về việc thụ lý giải quyết đơn"),
    StepKind.NOTIFY_ACCEPT: ("THÔNG BÁO", "TB", "Về việc thụ lý tố cáo"),
    StepKind.GUIDE: ("PHIẾU HƯỚNG DẪN", "HD", "Về việc gửi đơn đến cơ quan có thẩm quyền"),
    StepKind.FORWARD: ("PHIẾU CHUYỂN ĐƠN", "PC", "Về việc chuyển đơn đến cơ quan có thẩm quyền"),
    StepKind.RETURN: ("THÔNG BÁO", "TB", "Về việc trả lại đơn"),
    StepKind.SEPARATE: ("PHIẾU HƯỚNG DẪN", "HD", "Về việc tách đơn có nhiều nội dung"),
    StepKind.DECIDE: ("QUYẾT ĐỊNH", "QĐ", "Về việc giải quyết đơn"),
    StepKind.NOTIFY: ("THÔNG BÁO", "TB", "Về việc gửi quyết định giải quyết"),
    StepKind.SUSPEND: ("QUYẾT ĐỊNH", "QĐ", "Về việc tạm đình chỉ việc giải quyết"),
    StepKind.RESUME: ("QUYẾT ĐỊNH", "QĐ", "Về việc tiếp tục giải quyết"),
}
DENUNCIATION_SUMMARIES = {
    StepKind.DECIDE: ("KẾT LUẬN", "KL", "Nội dung tố cáo"),
    StepKind.NOTIFY: ("THÔNG BÁO", "TB", "Về việc gửi kết luận nội dung tố cáo"),
}
SECRET_NAME = "người tố cáo (thông tin được giữ bí mật)"  # noqa: S105 - not a password


def has_letter(kind: str) -> bool:
    return kind in LETTERS


def _writer(petition) -> str:
    names = [p.identity.get("name", "") for p in petition.petitioners.all()]
    names = [n for n in names if n]
    return ", ".join(names) if names else "người viết đơn"


def step_docx(step, user, with_identity: bool) -> bytes:
    """The letter of one step; ``with_identity`` when ``user`` may see the petitioners."""
    petition = step.petition
    unit = petition.unit
    doc_type, code, summary = LETTERS[step.kind]
    if petition.case_type == CaseType.DENUNCIATION and step.kind in DENUNCIATION_SUMMARIES:
        doc_type, code, summary = DENUNCIATION_SUMMARIES[step.kind]
    writer = _writer(petition) if with_identity else SECRET_NAME
    if with_identity and petition.is_secret:
        IdentityView.objects.create(
            petition=petition,
            user=user,
            reason=_("Lập văn bản: %(step)s") % {"step": step.get_kind_display()},
        )
    letter = Letter(f"{doc_type} {summary}")
    letter.header(
        parent="",
        body=["ỦY BAN NHÂN DÂN", unit.name.upper()],
        number=number_line(step.document_number, code, "UBND"),
        place_and_date=f"{place_name(unit)}, {decree_date(step.date)}",
    )
    letter.title(doc_type, summary)
    letter.paragraph(
        f"Ngày {petition.received_on:%d/%m/%Y}, Ủy ban nhân dân {unit.name} nhận được đơn "
        f"{petition.get_case_type_display().lower()} (mã tiếp nhận {petition.receipt_code}) "
        f"của {writer}."
    )
    letter.paragraph(f"Nội dung đơn: {petition.content}")
    body = {
        StepKind.ACCEPT: "Xét thấy đơn đủ điều kiện và thuộc thẩm quyền giải quyết, Ủy ban nhân "
        "dân xã thông báo thụ lý giải quyết đơn.",
        StepKind.NOTIFY_ACCEPT: "Ủy ban nhân dân xã thông báo đã thụ lý tố cáo.",
        StepKind.GUIDE: "Nội dung đơn không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã. "
        f"Đề nghị gửi đơn đến {step.body or 'cơ quan có thẩm quyền'} để được xem xét, giải quyết.",
        StepKind.FORWARD: "Ủy ban nhân dân xã chuyển đơn đến "
        f"{step.body or 'cơ quan có thẩm quyền'} để xem xét, giải quyết theo thẩm quyền.",
        StepKind.RETURN: "Ủy ban nhân dân xã trả lại đơn và giấy tờ kèm theo.",
        StepKind.SEPARATE: "Đơn có nhiều nội dung khác nhau; đề nghị tách riêng từng nội dung "
        "để gửi đến cơ quan có thẩm quyền.",
        StepKind.DECIDE: f"Kết quả: {step.get_result_display()}.",
        StepKind.NOTIFY: "Ủy ban nhân dân xã gửi quyết định giải quyết / kết luận đến các bên.",
        StepKind.SUSPEND: "Tạm đình chỉ việc giải quyết đơn.",
        StepKind.RESUME: "Tiếp tục giải quyết đơn kể từ ngày ký.",
    }[step.kind]
    letter.paragraph(body + (f" {step.note}" if step.note else "") + "./.")
    letter.closing(
        recipients=["- Như trên;", "- Lưu: VT, hồ sơ."],
        signers=[(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "")],
    )
    return letter.bytes()
