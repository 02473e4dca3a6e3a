"""The intake form's defaults (the common case: a recommendation or feedback, in person,
within competence), its legal deadline shown before saving and following the clerk's
choices (htmx, or the "Xem thời hạn" button without JavaScript), and the reception register
row of every petition received in person."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from citizens import services
from citizens.models import CaseType, Channel, Petition, TimeLimitRule, Visit
from citizens.tests.conftest import receive

pytestmark = pytest.mark.django_db


def selected(html: str, name: str) -> str:
    """The value of the chosen option of the select ``name``."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)[0]
    return re.search(r'<option value="([^"]*)"[^>]*selected', select)[1]


def checkbox(html: str, name: str) -> str:
    return re.search(rf'<input type="checkbox" name="{name}"[^>]*>', html)[0]


def basis(step: str, case_type: str) -> str:
    return TimeLimitRule.objects.filter(step=step, case_type=case_type, instance=None).first()


def test_the_intake_form_starts_with_the_common_case_and_shows_its_deadline(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("citizens:create")).content.decode()
    assert selected(html, "case_type") == CaseType.PETITION
    assert selected(html, "competence") == "within"
    assert selected(html, "channel") == Channel.IN_PERSON
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert "Thời hạn theo quy định" in html
    assert "Xử lý đơn</strong>: 10 ngày làm việc kể từ ngày nhận đơn" in html
    assert "Giải quyết</strong>: 10 ngày làm việc kể từ ngày thụ lý" in html
    assert basis("handle", CaseType.PETITION).legal_basis in html
    # Each checkbox sits inside its label, so a click on the words ticks it.
    for name in ("remote_area", "eligible", "anonymous", "has_originals", "representative_0"):
        assert re.search(rf'<label><input type="checkbox" name="{name}"', html), name
    assert "checked" in checkbox(html, "eligible")


def test_the_deadline_follows_type_complexity_and_competence(client, clerk):
    client.force_login(clerk)
    url = reverse("citizens:deadline_preview")
    complaint = {"case_type": "complaint", "instance": "1", "complexity": "normal"}
    html = client.get(url, {**complaint, "competence": "within"}).content.decode()
    assert html.lstrip().startswith('<section class="card" id="deadline-preview"')
    assert 'hx-get="' in html and "change from:#id_case_type" in html
    assert "Thụ lý</strong>" in html
    assert "30 ngày kể từ ngày thụ lý" in html

    html = client.get(url, {**complaint, "complexity": "complex"}).content.decode()
    assert "45 ngày kể từ ngày thụ lý" in html and "30 ngày kể từ ngày thụ lý" not in html

    html = client.get(url, {"case_type": "petition", "competence": "outside"}).content.decode()
    assert "Chuyển đơn không thuộc thẩm quyền</strong>: 5 ngày làm việc" in html
    assert basis("forward", CaseType.PETITION).legal_basis in html
    assert "Thụ lý</strong>" not in html


def test_without_javascript_the_button_shows_the_deadline_and_saves_nothing(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("citizens:create"),
        {
            "preview": "1",
            "received_on": timezone.localdate().isoformat(),
            "channel": "post",
            "case_type": "complaint",
            "instance": "1",
            "complexity": "complex",
            "competence": "within",
            "name_0": "Nguyễn Văn An",
            # no content yet, and "eligible" unticked
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Petition.objects.exists()
    assert "45 ngày kể từ ngày thụ lý" in html
    assert selected(html, "case_type") == "complaint" and selected(html, "channel") == "post"
    assert 'value="Nguyễn Văn An"' in html
    assert "checked" not in checkbox(html, "eligible")
    assert "errorlist" not in html  # nothing was submitted yet: no "required" errors


def test_a_petition_received_in_person_is_written_in_the_reception_register(commune, clerk):
    day = timezone.localdate()
    petition = receive(
        commune,
        clerk,
        day=day,
        case_type=CaseType.PETITION,
        channel=Channel.IN_PERSON,
        content="Phản ánh đèn đường xóm 4 hỏng",
        people=[
            {"name": "Trần Văn Ba", "address": "Xóm 4", "representative": True},
            {"name": "Lê Thị Tư", "address": "Xóm 4"},
        ],
    ).petition
    visit = Visit.objects.get(petition=petition)
    assert (visit.number, visit.date, visit.people) == (1, day, 2)
    assert visit.within_competence and visit.case_type == CaseType.PETITION
    assert visit.content == "Phản ánh đèn đường xóm 4 hỏng"
    assert visit.identity["name"] == "Trần Văn Ba"
    assert visit.identity["representatives"] == "Trần Văn Ba"
    assert petition.receipt_code in visit.notes

    by_post = receive(commune, clerk, day=day, channel=Channel.POST).petition
    assert not Visit.objects.filter(petition=by_post).exists()
    assert Visit.objects.count() == 1


def test_a_failure_writing_the_register_row_leaves_neither(commune, clerk, monkeypatch):
    def fail(**_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Visit.objects, "create", fail)
    with pytest.raises(RuntimeError):
        receive(commune, clerk, day=timezone.localdate(), channel=Channel.IN_PERSON)
    assert not Petition.objects.exists()
    assert not Visit.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_visit_that_opens_a_petition_is_one_register_row(commune, clerk):
    visit, opened = services.record_visit(
        unit=commune,
        actor=clerk,
        data={
            "date": timezone.localdate(),
            "name": "Phạm Thị Năm",
            "content": "Kiến nghị sửa cống thoát nước",
            "case_type": CaseType.PETITION,
            "within_competence": True,
        },
        open_petition=True,
    )
    assert list(Visit.objects.all()) == [visit]
    assert visit.petition == opened.petition


def test_the_reception_register_form_starts_with_the_common_case(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("citizens:visit_create")).content.decode()
    assert selected(html, "case_type") == CaseType.PETITION
    assert "checked" in checkbox(html, "within_competence")
    for name in ("within_competence", "open_petition"):
        assert re.search(rf'<label><input type="checkbox" name="{name}"', html), name
