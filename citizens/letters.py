"""The letters of the handling steps (thông báo thụ lý, hướng dẫn, phiếu chuyển đơn, trả lại
đơn, quyết định giải quyết, thông báo kết quả, ...), laid out by the Decree 30/2020 machinery
of ``outgoing`` (``export_docx.render_docx`` / ``export_pdf.render_pdf``): issuing body,
Quốc hiệu and Tiêu ngữ, "Số: 05/TB-UBND", place and date, type and summary, body, signature
block and "Nơi nhận".

The number comes from the unit's outgoing register when the letter is issued
(``citizens.services.issue_letter``); until then the letter is a draft with room for it.

The body follows the structure of the official forms (TT 05/2021/TT-TTCP, NĐ 124/2020,
NĐ 31/2019): who issues it, which petition was received on what date, the decision or the
guidance, its legal basis and the petitioner's rights, in our own words.

Secrecy (Luật Tố cáo Art 8(3), 9): a denunciation letter names the denouncer and quotes the
sealed content only when it is addressed to the denouncer and the user may see the identity
(the reveal is then logged). Letters to anyone else (a forwarding slip, a decision sent to
the parties) carry the handler's summary and never the denouncer's name.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from citizens.models import CaseType, IdentityView, StepKind
from outgoing import doctypes
from outgoing.content import BodyParagraph, ProgramDocument, place_name, recipient_lines
from outgoing.services import register_for

ISSUER_CODE = "UBND"  # the letters are the People's Committee's, signed by its chairman
SECRET_NAME = "người tố cáo (thông tin được giữ bí mật)"  # noqa: S105 - not a password
# The document is Vietnamese whatever the language of the pages: no gettext below.
LAW_COMPLAINT = "Luật Khiếu nại năm 2011 (sửa đổi, bổ sung năm 2025)"
LAW_DENUNCIATION = "Luật Tố cáo năm 2018 (sửa đổi, bổ sung năm 2025)"
LAW_RECEPTION = "Luật Tiếp công dân năm 2013 (sửa đổi, bổ sung năm 2025)"
TT_HANDLING = "Thông tư số 05/2021/TT-TTCP của Thanh tra Chính phủ"
RIGHTS = {
    CaseType.COMPLAINT: "Người khiếu nại có quyền cung cấp thông tin, tài liệu, chứng cứ; được "
    "nhận quyết định giải quyết; được rút khiếu nại; nếu không đồng ý với quyết định giải "
    "quyết hoặc quá thời hạn mà khiếu nại không được giải quyết thì có quyền khiếu nại lần hai "
    "hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của pháp luật.",
    CaseType.DENUNCIATION: "Người tố cáo được giữ bí mật họ tên, địa chỉ, bút tích và thông "
    "tin cá nhân khác; được thông báo về việc thụ lý và kết quả giải quyết tố cáo; được bảo vệ "
    "khi bị đe dọa, trả thù, trù dập; có quyền tố cáo tiếp khi có căn cứ cho rằng việc giải "
    "quyết tố cáo không đúng pháp luật hoặc quá thời hạn mà tố cáo không được giải quyết.",
    CaseType.PETITION: "Người kiến nghị, phản ánh được thông báo kết quả xem xét, xử lý và "
    "có quyền tiếp tục kiến nghị đến cơ quan có thẩm quyền theo quy định của pháp luật.",
    CaseType.MIXED: "Người viết đơn có quyền gửi lại từng nội dung bằng đơn riêng đến cơ quan "
    "có thẩm quyền theo hướng dẫn.",
}


@dataclass(frozen=True)
class Spec:
    doc_type: str  # a Decree 30 type: its abbreviation goes into the code (none: Công văn)
    summary: str  # the trích yếu
    to_petitioner: bool  # addressed to the petitioner: may name them


def _case_word(petition) -> str:
    return {
        CaseType.COMPLAINT: "khiếu nại",
        CaseType.DENUNCIATION: "tố cáo",
        CaseType.PETITION: "kiến nghị, phản ánh",
        CaseType.MIXED: "có nhiều nội dung",
    }[petition.case_type]


def spec_for(step) -> Spec | None:
    """The letter of ``step``, or None when the step has none."""
    petition = step.petition
    word = _case_word(petition)
    denunciation = petition.case_type == CaseType.DENUNCIATION
    complaint = petition.case_type == CaseType.COMPLAINT
    kind = step.kind
    if kind == StepKind.ACCEPT:
        if denunciation:
            return Spec("Quyết định", "Về việc thụ lý tố cáo", False)
        return Spec("Thông báo", f"Về việc thụ lý giải quyết đơn {word}", True)
    if kind == StepKind.NOTIFY_ACCEPT:
        return Spec(
            "Thông báo", f"Về việc thụ lý {'tố cáo' if denunciation else 'đơn ' + word}", True
        )
    if kind == StepKind.GUIDE:
        return Spec("Công văn", "V/v hướng dẫn gửi đơn đến cơ quan có thẩm quyền", True)
    if kind == StepKind.SEPARATE:
        return Spec("Công văn", "V/v hướng dẫn tách đơn có nhiều nội dung", True)
    if kind == StepKind.FORWARD:
        return Spec("Phiếu chuyển", f"Về việc chuyển đơn {word}", False)
    if kind == StepKind.RETURN:
        return Spec("Thông báo", f"Về việc trả lại đơn {word}", True)
    if kind == StepKind.DECIDE:
        if complaint:
            return Spec("Quyết định", "Về việc giải quyết khiếu nại", False)
        if petition.case_type == CaseType.PETITION:
            return Spec("Công văn", "V/v trả lời đơn kiến nghị, phản ánh", True)
        return None  # a denunciation's Kết luận is not a numbered type of the register
    if kind == StepKind.NOTIFY and denunciation:
        return Spec("Thông báo", "Về việc kết quả giải quyết tố cáo", True)
    if kind in (StepKind.SUSPEND, StepKind.RESUME) and (complaint or denunciation):
        action = "tạm đình chỉ" if kind == StepKind.SUSPEND else "tiếp tục"
        return Spec("Quyết định", f"Về việc {action} việc giải quyết {word}", False)
    return None


def has_letter(step) -> bool:
    return spec_for(step) is not None


@dataclass
class Paragraph(BodyParagraph):
    """A body paragraph without a number: the text alone."""

    @property
    def line(self) -> str:
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass
class LetterDocument(ProgramDocument):
    """A Công văn has no type line: its "V/v ..." stands under the number."""

    subject: str = ""

    @property
    def number_line(self) -> str:
        line = super().number_line
        return f"{line}\n{self.subject}" if self.subject else line


def _decree_date(day: datetime.date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _petitioners(petition) -> list[dict]:
    return [p.identity for p in petition.petitioners.all() if p.identity.get("name")]


def _writer(people) -> str:
    return ", ".join(p["name"] for p in people) if people else "người viết đơn"


def letter_document(step, with_identity: bool) -> tuple[LetterDocument, bool]:
    """The letter of ``step`` and whether it names a denouncer (a reveal to be logged)."""
    petition = step.petition
    unit = petition.unit
    spec = spec_for(step)
    secret = petition.is_secret
    names_allowed = spec.to_petitioner and (with_identity or not secret)
    people = _petitioners(petition) if names_allowed else []
    writer = _writer(people) if names_allowed else SECRET_NAME if secret else "người viết đơn"
    content = petition.full_content() if names_allowed else petition.listed_content
    register = register_for(unit)
    code = doctypes.code_for(spec.doc_type, ISSUER_CODE, register.drafting_code)
    number_symbol = step.document_number.strip() if step.letter_id else ""
    day = step.document_date if step.letter_id else None
    place = place_name(unit)
    unit_title = f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"  # "... xã Hưng Chính"
    word = _case_word(petition)
    paragraphs = []
    if spec.doc_type == "Công văn":
        paragraphs.append(f"Kính gửi: Ông (bà) {writer}.")
    paragraphs.append(
        f"Ngày {petition.received_on:%d/%m/%Y}, {unit_title} nhận được đơn {word} "
        f"(mã tiếp nhận {petition.receipt_code}) của {writer}."
    )
    if content:
        paragraphs.append(f"Nội dung đơn: {content.strip()}")
    paragraphs.extend(_decision(step, petition, unit_title))
    if spec.to_petitioner:
        paragraphs.append(RIGHTS[petition.case_type])
    if step.note:
        paragraphs.append(step.note.strip())
    paragraphs[-1] = paragraphs[-1].rstrip(".") + "./."
    recipients = _recipients(step, spec, people, secret, names_allowed)
    document = LetterDocument(
        issuer_parent=[],
        issuer_body=["ỦY BAN NHÂN DÂN", unit.name.upper()],
        number_symbol=number_symbol or doctypes.number_symbol(None, code),
        place_and_date=f"{place}, {_decree_date(day)}"
        if day
        else f"{place}, ngày    tháng    năm {step.date.year}",
        doc_type="" if spec.doc_type == "Công văn" else spec.doc_type.upper(),
        title="" if spec.doc_type == "Công văn" else spec.summary,
        subject=spec.summary if spec.doc_type == "Công văn" else "",
        body=[Paragraph("item", "", text) for text in paragraphs],
        recipients=recipient_lines(recipients, register.drafting_code),
        signer_titles=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="",
    )
    return document, bool(secret and people)


def _decision(step, petition, unit_title) -> list[str]:
    body = step.body.strip() or "cơ quan có thẩm quyền"
    denunciation = petition.case_type == CaseType.DENUNCIATION
    kind = step.kind
    if kind in (StepKind.ACCEPT, StepKind.NOTIFY_ACCEPT):
        if denunciation:
            return [
                f"Căn cứ Điều 29 {LAW_DENUNCIATION} và Nghị định số 31/2019/NĐ-CP, xét thấy tố "
                f"cáo đủ điều kiện thụ lý và thuộc thẩm quyền, {unit_title} thụ lý tố cáo để "
                "giải quyết theo quy định. Thời hạn giải quyết tố cáo là 30 ngày kể từ ngày thụ "
                "lý; vụ việc phức tạp có thể được gia hạn theo Điều 30 Luật Tố cáo."
            ]
        basis = (
            f"Điều 27 {LAW_COMPLAINT} và Nghị định số 124/2020/NĐ-CP (sửa đổi, bổ sung bởi Nghị "
            "định số 155/2026/NĐ-CP)"
            if petition.case_type == CaseType.COMPLAINT
            else f"{LAW_RECEPTION} và {TT_HANDLING}"
        )
        return [
            f"Căn cứ {basis}, xét thấy đơn đủ điều kiện và thuộc thẩm quyền giải quyết, "
            f"{unit_title} thông báo đã thụ lý đơn để giải quyết theo quy định."
        ]
    if kind == StepKind.GUIDE:
        return [
            f"Căn cứ {TT_HANDLING} và Điều 28 {LAW_RECEPTION}, nội dung đơn không thuộc thẩm "
            f"quyền giải quyết của {unit_title}. Đề nghị ông (bà) gửi đơn đến {body} để được "
            "xem xét, giải quyết theo quy định. Việc hướng dẫn này chỉ thực hiện một lần đối "
            "với cùng nội dung đơn."
        ]
    if kind == StepKind.SEPARATE:
        return [
            f"Căn cứ khoản 3 Điều 25 {LAW_RECEPTION} và {TT_HANDLING}, đơn có nhiều nội dung "
            "khác nhau (khiếu nại, tố cáo, kiến nghị, phản ánh). Đề nghị ông (bà) viết tách "
            "riêng từng nội dung và gửi đến cơ quan có thẩm quyền giải quyết."
        ]
    if kind == StepKind.FORWARD:
        basis = f"Điều 24 {LAW_DENUNCIATION} và {TT_HANDLING}" if denunciation else TT_HANDLING
        lines = [
            f"Căn cứ {basis}, nội dung đơn không thuộc thẩm quyền giải quyết của {unit_title}. "
            f"{unit_title} chuyển đơn đến {body} để xem xét, giải quyết theo thẩm quyền và "
            "thông báo kết quả theo quy định."
        ]
        if denunciation:
            lines.append(
                "Thông tin về người tố cáo được giữ bí mật theo Điều 8, Điều 9 Luật Tố cáo; "
                "hồ sơ kèm theo được quản lý theo chế độ mật."
            )
        return lines
    if kind == StepKind.RETURN:
        return [
            f"Căn cứ {TT_HANDLING}, {unit_title} trả lại đơn và giấy tờ, tài liệu kèm theo "
            "để ông (bà) gửi đến cơ quan có thẩm quyền theo quy định."
        ]
    if kind == StepKind.DECIDE:
        result = step.get_result_display().lower()
        if petition.case_type == CaseType.COMPLAINT:
            return [
                f"Căn cứ Điều 28, Điều 31 {LAW_COMPLAINT} và kết quả xác minh, đối thoại, "
                f"{unit_title} kết luận nội dung khiếu nại là {result} và giải quyết khiếu "
                f"nại lần {'hai' if petition.instance == 2 else 'đầu'} theo quy định."
            ]
        return [
            f"Căn cứ {LAW_RECEPTION} và {TT_HANDLING}, {unit_title} trả lời nội dung kiến "
            f"nghị, phản ánh như sau: {step.get_result_display()}."
        ]
    if kind == StepKind.NOTIFY:
        return [
            f"Căn cứ khoản 3 Điều 35 {LAW_DENUNCIATION}, {unit_title} thông báo đã có kết luận "
            f"nội dung tố cáo; kết quả: {petition.get_result_display().lower()}."
        ]
    law = LAW_DENUNCIATION if denunciation else LAW_COMPLAINT
    if kind == StepKind.SUSPEND:
        return [f"Căn cứ {law}, tạm đình chỉ việc giải quyết đơn cho đến khi lý do được khắc phục."]
    return [f"Căn cứ {law}, tiếp tục giải quyết đơn kể từ ngày ký."]


def _recipients(step, spec, people, secret, names_allowed) -> list[str]:
    lines = []
    if step.kind == StepKind.FORWARD:
        lines.append(step.body.strip() or "Cơ quan có thẩm quyền")
    if spec.to_petitioner:
        if people:
            lines.extend(
                f"Ông (bà) {p['name']}" + (f", {p['address']}" if p.get("address") else "")
                for p in people
            )
        elif secret:
            lines.append("Người tố cáo (theo địa chỉ trong hồ sơ mật)")
        else:
            lines.append("Người viết đơn")
    elif not secret and step.kind != StepKind.FORWARD:
        lines.append("Người khiếu nại")
    lines.append("Lưu: VT, hồ sơ")
    return lines


def render(step, user, with_identity: bool, fmt: str = "docx") -> bytes:
    """The letter as .docx or .pdf; ``with_identity`` when ``user`` may see the petitioners.
    Naming a denouncer is logged as a reveal (``IdentityView``)."""
    from outgoing.export_docx import render_docx
    from outgoing.export_pdf import render_pdf

    document, names_denouncer = letter_document(step, with_identity)
    if names_denouncer:
        IdentityView.objects.create(
            petition=step.petition,
            user=user,
            reason=_("Lập văn bản: %(step)s") % {"step": step.get_kind_display()},
        )
    return render_pdf(document) if fmt == "pdf" else render_docx(document)
