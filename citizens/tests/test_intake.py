"""Intake: bad input refused in Vietnamese with nothing saved; repeats found and linked;
a visit opens a petition in one step; the handling paths' rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from citizens import services
from citizens.models import CaseType, Petition, PetitionAttachment, StepKind, Visit
from citizens.tests.conftest import receive, step
from programs.tests.helpers import pdf_upload

D = datetime.date


@pytest.mark.django_db
def test_a_receipt_date_in_the_future_is_refused(client, clerk):
    client.force_login(clerk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(
        reverse("citizens:create"),
        {
            "received_on": tomorrow.isoformat(),
            "channel": "post",
            "case_type": "complaint",
            "instance": "1",
            "complexity": "normal",
            "competence": "within",
            "content": "Khiếu nại",
            "name_0": "Nguyễn Văn An",
        },
    )
    assert "không thể sau ngày hôm nay" in response.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.django_db
def test_a_complaint_without_a_petitioner_is_refused_but_an_anonymous_denunciation_is_not(
    commune, clerk
):
    with pytest.raises(ValidationError, match="ít nhất một người viết đơn"):
        receive(commune, clerk, day=D(2026, 9, 1), people=[])
    assert not Petition.objects.exists()
    anonymous = receive(
        commune,
        clerk,
        day=D(2026, 9, 1),
        case_type=CaseType.DENUNCIATION,
        people=[],
        anonymous=True,
    ).petition
    assert anonymous.anonymous and anonymous.petitioners.count() == 0


@pytest.mark.django_db
def test_an_attachment_that_is_not_what_it_claims_saves_nothing(commune, clerk):
    fake = SimpleUploadedFile("don.pdf", b"MZ\x90\x00 this is an executable", "application/pdf")
    with pytest.raises(ValidationError, match="không phải là tệp PDF"):
        services.intake(
            unit=commune,
            actor=clerk,
            data={
                "received_on": D(2026, 9, 1),
                "channel": "post",
                "case_type": "complaint",
                "content": "Khiếu nại",
            },
            people=[{"name": "Nguyễn Văn An"}],
            files=[pdf_upload(), fake],
        )
    assert not Petition.objects.exists()
    assert not PetitionAttachment.objects.exists()


@pytest.mark.django_db
def test_attachments_are_encrypted_on_disk(settings, commune, clerk, client):
    result = services.intake(
        unit=commune,
        actor=clerk,
        data={
            "received_on": D(2026, 9, 1),
            "channel": "post",
            "case_type": "denunciation",
            "content": "Tố cáo",
        },
        people=[{"name": "Người Tố Cáo"}],
        files=[pdf_upload("don-viet-tay.pdf")],
    )
    attachment = result.petition.attachments.get()
    raw = (settings.EVIDENCE_ROOT / "citizens" / attachment.stored_as).read_bytes()
    assert not raw.startswith(b"%PDF")
    client.force_login(clerk)
    response = client.get(reverse("citizens:attachment", args=[result.petition.pk, attachment.pk]))
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_five_signatories_need_a_representative(commune, clerk):
    people = [{"name": f"Người số {n}"} for n in range(5)]
    with pytest.raises(ValidationError, match="người đại diện"):
        receive(commune, clerk, day=D(2026, 9, 1), people=people)
    people[0]["representative"] = True
    assert receive(commune, clerk, day=D(2026, 9, 1), people=people).petition.signatories == 5


@pytest.mark.django_db
def test_the_same_person_with_the_same_content_is_linked_as_a_repeat(commune, clerk):
    first = receive(
        commune,
        clerk,
        day=D(2026, 3, 2),
        content="Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất thửa số 123 tờ bản đồ 7",
        people=[{"name": "Nguyễn Văn Hòa", "address": "Xóm 3"}],
    ).petition
    again = receive(
        commune,
        clerk,
        day=D(2026, 9, 1),
        content="Tôi đề nghị cấp giấy chứng nhận QSD đất cho thửa 123, tờ bản đồ số 7",
        people=[{"name": "NGUYEN VAN HOA"}],
    )
    assert again.petition.repeat_of == first
    assert again.repeats[0].same_person
    other = receive(
        commune,
        clerk,
        day=D(2026, 9, 2),
        content="Phản ánh ô nhiễm tiếng ồn từ xưởng mộc ở xóm 1 vào ban đêm",
        people=[{"name": "Nguyễn Văn Hòa"}],
    )
    assert other.petition.repeat_of is None


@pytest.mark.django_db
def test_a_repeat_from_a_denouncer_is_found_without_storing_the_name(commune, clerk, denunciation):
    again = receive(
        commune,
        clerk,
        day=D(2026, 9, 10),
        case_type=CaseType.DENUNCIATION,
        content="Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận QSDĐ",
        people=[{"name": "Le Thi Bi Mat"}],
    )
    assert again.petition.repeat_of == denunciation


@pytest.mark.django_db
def test_guidance_is_given_once_only_and_closes_the_case(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 9, 1)).petition
    step(petition, clerk, StepKind.GUIDE, D(2026, 9, 3), document_number="3/HD-UBND")
    petition.refresh_from_db()
    assert petition.status == "closed" and petition.result == "guided"
    with pytest.raises(ValidationError):
        step(petition, clerk, StepKind.GUIDE, D(2026, 9, 4))
    assert petition.steps.count() == 1


@pytest.mark.django_db
def test_a_decision_needs_an_acceptance_and_a_result(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 9, 1)).petition
    with pytest.raises(ValidationError, match="chưa được thụ lý"):
        step(petition, clerk, StepKind.DECIDE, D(2026, 9, 3), result="right")
    step(petition, clerk, StepKind.ACCEPT, D(2026, 9, 3))
    with pytest.raises(ValidationError, match="kết quả giải quyết"):
        step(petition, clerk, StepKind.DECIDE, D(2026, 9, 4))


@pytest.mark.django_db
def test_a_visit_opens_a_petition_in_one_step(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("citizens:visit_create"),
        {
            "date": "2026-09-03",
            "name": "Trần Thị Bình",
            "address": "Xóm 2",
            "id_number": "038111222333",
            "people": "1",
            "content": "Khiếu nại việc đo đạc lại ranh giới thửa đất",
            "case_type": "complaint",
            "within_competence": "on",
            "open_petition": "on",
        },
        follow=True,
    )
    visit = Visit.objects.get()
    assert visit.number == 1 and visit.petition is not None
    assert "Mã tiếp nhận" in response.content.decode()
    assert visit.petition.channel == "in_person"
    register = client.get(reverse("citizens:register"), {"year": 2026}).content.decode()
    assert "Trần Thị Bình, Xóm 2" in register and "038111222333" in register


@pytest.mark.django_db
def test_a_group_of_five_without_representatives_is_not_registered(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("citizens:visit_create"),
        {
            "date": "2026-09-03",
            "name": "Đoàn xóm 3",
            "people": "7",
            "content": "Kiến nghị về đường giao thông",
            "case_type": "petition",
            "open_petition": "on",
        },
    )
    assert "người đại diện" in response.content.decode()
    assert not Visit.objects.exists() and not Petition.objects.exists()
