"""Letters of the handling steps: numbered from the unit's outgoing register when issued
(consecutive numbers, the type's abbreviation, none for a Công văn), laid out by the Decree 30
machinery, the number and date recorded on the step; a denouncer is named only in a letter
to the denouncer, for an assigned handler."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from citizens import services
from citizens.models import CaseType, Competence, IdentityView
from citizens.tests.conftest import DENOUNCER, StepKind, receive, step
from outgoing.models import IssuedDocument
from outgoing.services import issue_document

D = datetime.date
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
TODAY = D(2026, 11, 25)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


@pytest.mark.django_db
def test_two_letters_on_one_day_take_consecutive_numbers_from_the_register(client, commune, clerk):
    with time_machine.travel(NOW, tick=False):
        issue_document(
            unit=commune, doc_type="Kế hoạch", day=TODAY, summary="Kế hoạch", actor=clerk
        )
        first = receive(commune, clerk, day=D(2026, 11, 16), people=[{"name": "Trần Văn Bình"}])
        second = receive(
            commune,
            clerk,
            day=D(2026, 11, 17),
            content="Khiếu nại việc cấp giấy phép xây dựng",
            people=[{"name": "Đỗ Thị Cúc"}],
        )
        a = step(first.petition, clerk, StepKind.ACCEPT, D(2026, 11, 20))
        b = step(second.petition, clerk, StepKind.ACCEPT, D(2026, 11, 23))
        client.force_login(clerk)
        for s in (a, b):
            response = client.post(reverse("citizens:letter_issue", args=[s.petition_id, s.pk]))
            assert response.status_code == 302
        a.refresh_from_db()
        b.refresh_from_db()
        assert (a.document_number, b.document_number) == ("02/TB-UBND", "03/TB-UBND")
        assert a.document_date == b.document_date == TODAY
        assert a.letter.number == 2 and b.letter.number == 3
        assert IssuedDocument.objects.filter(unit=commune, year=2026).count() == 3
        text = docx_text(client.get(reverse("citizens:letter", args=[b.petition_id, b.pk])).content)
        # Issuing twice is refused and takes no number.
        with pytest.raises(ValidationError):
            services.issue_letter(step=b, actor=clerk)
        assert IssuedDocument.objects.filter(unit=commune).count() == 3
        detail = client.get(reverse("citizens:detail", args=[b.petition_id])).content.decode()
    assert "Số: 03/TB-UBND" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ HƯNG CHÍNH" in text
    assert "Hưng Chính, ngày 25 tháng 11 năm 2026" in text
    assert "THÔNG BÁO" in text and "Về việc thụ lý giải quyết đơn khiếu nại" in text
    assert "Đỗ Thị Cúc" in text  # a complaint: the complainant is named
    assert "ngày 17/11/2026" in text.replace("Ngày 17/11/2026", "ngày 17/11/2026")
    assert "Điều 27 Luật Khiếu nại" in text and "khiếu nại lần hai" in text
    assert "Nơi nhận:" in text and "CHỦ TỊCH" in text
    assert "03/TB-UBND ngày 25/11/2026" in detail


@pytest.mark.django_db
def test_a_cong_van_has_no_type_abbreviation_and_a_pdf_is_produced(client, commune, clerk):
    with time_machine.travel(NOW, tick=False):
        outside = receive(
            commune,
            clerk,
            day=D(2026, 11, 18),
            competence=Competence.OUTSIDE,
            people=[{"name": "Vũ Văn Dũng"}],
        ).petition
        guided = step(
            outside, clerk, StepKind.GUIDE, D(2026, 11, 20), body="Tòa án nhân dân khu vực 1"
        )
        client.force_login(clerk)
        draft = docx_text(
            client.get(reverse("citizens:letter", args=[outside.pk, guided.pk])).content
        )
        services.issue_letter(step=guided, actor=clerk)
        guided.refresh_from_db()
        text = docx_text(
            client.get(reverse("citizens:letter", args=[outside.pk, guided.pk])).content
        )
        pdf = client.get(reverse("citizens:letter_pdf", args=[outside.pk, guided.pk]))
    assert "Số:      /UBND-VP" in draft and "ngày    tháng    năm 2026" in draft
    assert guided.document_number == "01/UBND-VP"
    assert "Số: 01/UBND-VP" in text and "V/v hướng dẫn gửi đơn" in text
    assert "Kính gửi: Ông (bà) Vũ Văn Dũng" in text and "Tòa án nhân dân khu vực 1" in text
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_denouncer_is_named_only_in_a_letter_to_the_denouncer(client, clerk, denunciation):
    with time_machine.travel(NOW, tick=False):
        accepted = step(denunciation, clerk, StepKind.ACCEPT, D(2026, 8, 5))
        notice = step(denunciation, clerk, StepKind.NOTIFY_ACCEPT, D(2026, 8, 6))
        client.force_login(clerk)  # the assigned handler
        to_denouncer = docx_text(
            client.get(reverse("citizens:letter", args=[denunciation.pk, notice.pk])).content
        )
        decision = docx_text(
            client.get(reverse("citizens:letter", args=[denunciation.pk, accepted.pk])).content
        )
    assert DENOUNCER in to_denouncer and "giữ bí mật họ tên" in to_denouncer
    assert "nhận tiền" in to_denouncer  # the sealed content, to its own author
    assert IdentityView.objects.filter(petition=denunciation, user=clerk).count() == 1
    # The acceptance decision goes to others: no name, no address, the summary only.
    assert DENOUNCER not in decision and "ngõ Hòe" not in decision
    assert "nhận tiền" not in decision
    assert "QUYẾT ĐỊNH" in decision and "Về việc thụ lý tố cáo" in decision
    assert denunciation.summary in decision


@pytest.mark.django_db
def test_a_forwarding_slip_for_a_denunciation_never_names_the_denouncer(client, commune, clerk):
    with time_machine.travel(NOW, tick=False):
        petition = receive(
            commune,
            clerk,
            day=D(2026, 11, 16),
            case_type=CaseType.DENUNCIATION,
            competence=Competence.OUTSIDE,
            content="Tố cáo Giám đốc Sở X nhận hối lộ",
            summary="Tố cáo người có chức vụ tại cơ quan cấp tỉnh",
            people=[{"name": DENOUNCER, "address": "Xóm 9"}],
        ).petition
        forwarded = step(petition, clerk, StepKind.FORWARD, D(2026, 11, 18), body="Thanh tra tỉnh")
        services.issue_letter(step=forwarded, actor=clerk)
        client.force_login(clerk)
        text = docx_text(
            client.get(reverse("citizens:letter", args=[petition.pk, forwarded.pk])).content
        )
    assert "Số: 01/PC-UBND" in text and "PHIẾU CHUYỂN" in text
    assert DENOUNCER not in text and "Xóm 9" not in text and "hối lộ" not in text
    assert "Tố cáo người có chức vụ tại cơ quan cấp tỉnh" in text and "Thanh tra tỉnh" in text
    assert not IdentityView.objects.filter(petition=petition).exists()
