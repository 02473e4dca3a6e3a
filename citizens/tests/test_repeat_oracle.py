"""Duplicate detection must not tell who denounced (Luật Tố cáo Art 8(3)).

The attack: a clerk who may receive petitions but does not handle a denunciation types a
suspected name with content like the denunciation's and watches for "repeats đơn DT-…".
Whatever they can read afterwards (the page, its messages, the API, the audit log,
``repeat_of``, the statistics, their notifications) must be the same as for a name that
matches nothing. The denunciation's handlers still learn of the match.
"""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from api import services as api_services
from api.tests.conftest import ApiClient
from audit.models import AuditEvent
from citizens import crypto, duplicates, name_index
from citizens.models import CaseType, Petition, Petitioner
from citizens.stats import petition_stats
from conftest import TEST_PASSWORD, make_user
from reminders.models import Notification

from .conftest import DENOUNCER, receive

D = datetime.date
SUSPECT_CONTENT = "Tôi tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận"


@pytest.fixture
def api():
    def make(user):
        return ApiClient(api_services.issue_token(user, "Kiểm thử", "read")[1])

    return make


@pytest.fixture
def curious(commune):
    """An office clerk of the same commune: may receive petitions, does not handle the case."""
    return make_user("curious", commune, Role.OFFICE)


def _post_petition(client, name, content=SUSPECT_CONTENT):
    return client.post(
        reverse("citizens:create"),
        {
            "received_on": "2026-09-15",
            "channel": "in_person",
            "case_type": CaseType.COMPLAINT,
            "instance": 1,
            "complexity": "normal",
            "competence": "within",
            "eligible": "on",
            "content": content,
            "name_0": name,
        },
        follow=True,
    )


def _what_the_clerk_sees(client, api, user, response):
    """Everything the clerk can read about the petition they just received, with its own
    receipt code and PIN blanked out so two intakes can be compared."""
    petition = Petition.objects.filter(created_by=user).latest("pk")
    page = response.content.decode()
    messages = [str(m) for m in response.context["messages"]]
    row = api(user).get(f"/api/v1/petitions/{petition.pk}/").json()
    audit = [
        (e.summary, e.changes)
        for e in AuditEvent.objects.filter(actor=user, target_id=petition.pk).order_by("pk")
    ]
    seen = {
        "messages": messages,
        "repeat_in_page": "Trùng / tái diễn" in page or "liên quan" in page,
        "api_repeat_of": row["repeat_of"],
        "repeat_of": petition.repeat_of_id,
        "audit": audit,
        "notifications": list(Notification.objects.filter(user=user).values_list("title")),
        "mail": [m.subject for m in mail.outbox if user.email and user.email in m.to],
    }
    text = re.sub(r"PIN: \d+", "PIN", repr(seen)).replace(petition.receipt_code, "<code>")
    return petition, page, text


@pytest.mark.django_db
def test_a_curious_clerk_learns_nothing_from_typing_the_suspected_name(
    client, api, commune, clerk, curious, denunciation
):
    client.login(username="curious", password=TEST_PASSWORD)
    suspected, page, seen_suspected = _what_the_clerk_sees(
        client, api, curious, _post_petition(client, "Le Thi Bi Mat")
    )
    _innocent, _, seen_innocent = _what_the_clerk_sees(
        client, api, curious, _post_petition(client, "Trần Văn Khác")
    )

    assert denunciation.receipt_code not in page
    assert denunciation.receipt_code not in seen_suspected
    assert suspected.repeat_of is None
    # Same as for a name that matches nothing: no message, link, count or notification differs.
    assert seen_suspected == seen_innocent
    stats = petition_stats(Petition.objects.filter(unit=commune), D(2026, 1, 1), D(2026, 12, 31))
    assert stats.repeated == 0
    assert not AuditEvent.objects.filter(summary__contains=denunciation.receipt_code).exclude(
        target_id=denunciation.pk
    )
    # Only the denunciation's handler is told.
    told = Notification.objects.filter(body__contains=suspected.receipt_code)
    assert [n.user for n in told] == [clerk]
    assert denunciation.receipt_code in told[0].title


@pytest.mark.django_db
def test_receiving_a_denunciation_with_the_suspected_name_tells_nothing_either(
    commune, clerk, curious, denunciation
):
    result = receive(
        commune,
        curious,
        day=D(2026, 9, 15),
        case_type=CaseType.DENUNCIATION,
        content=SUSPECT_CONTENT,
        summary="Tố cáo cán bộ",
        people=[{"name": DENOUNCER}],
    )
    assert result.repeats == [] and result.petition.repeat_of is None
    assert not Notification.objects.filter(user=curious).exists()
    assert Notification.objects.filter(user=clerk).count() == 1


@pytest.mark.django_db
def test_the_denunciations_handler_still_sees_the_match(client, commune, clerk, denunciation):
    again = receive(
        commune,
        clerk,
        day=D(2026, 9, 15),
        case_type=CaseType.DENUNCIATION,
        content=SUSPECT_CONTENT,
        summary="Tố cáo cán bộ",
        people=[{"name": "LE THI BI MAT"}],
    )
    assert [m.petition for m in again.repeats] == [denunciation]
    assert again.petition.repeat_of == denunciation

    client.login(username="clerk", password=TEST_PASSWORD)
    response = _post_petition(client, "Lê Thị Bí Mật")
    messages = " ".join(str(m) for m in response.context["messages"])
    assert denunciation.receipt_code in messages
    # A named complaint is never linked to a denunciation: the link would show the name.
    assert Petition.objects.latest("pk").repeat_of is None


@pytest.mark.django_db
def test_a_link_between_two_denunciations_is_shown_only_to_who_handles_both(
    client, api, commune, clerk, chair, denunciation
):
    again = receive(
        commune,
        clerk,
        day=D(2026, 9, 15),
        case_type=CaseType.DENUNCIATION,
        content=SUSPECT_CONTENT,
        summary="Tố cáo cán bộ",
        people=[{"name": DENOUNCER}],
    ).petition
    again.handlers.add(chair)  # the chair handles the new case, not the first
    client.login(username="chair", password=TEST_PASSWORD)
    for pk in (again.pk, denunciation.pk):
        page = client.get(reverse("citizens:detail", args=[pk])).content.decode()
        assert "Trùng / tái diễn" not in page
    assert api(chair).get(f"/api/v1/petitions/{again.pk}/").json()["repeat_of"] is None
    assert api(clerk).get(f"/api/v1/petitions/{again.pk}/").json()["repeat_of"] == (denunciation.pk)
    client.login(username="clerk", password=TEST_PASSWORD)
    page = client.get(reverse("citizens:detail", args=[again.pk])).content.decode()
    assert denunciation.receipt_code in page


@pytest.mark.django_db
def test_the_name_index_holds_keyed_hashes_not_names(commune, clerk, denunciation, settings):
    row = Petitioner.objects.get(petition=denunciation)
    assert row.name_key and row.name_key == duplicates.name_keys("le thi bi mat")[0]
    assert "mat" not in row.name_key
    import hashlib

    assert row.name_key != hashlib.sha256(b"le thi bi mat").hexdigest()
    assert crypto.index_key("petitioner name") != settings.DVCQ_IDENTITY_KEY.encode()
    settings.DVCQ_IDENTITY_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMTI="
    assert duplicates.name_keys("le thi bi mat")[0] != row.name_key


@pytest.mark.django_db
def test_the_index_command_fills_rows_written_before_it_and_drops_mixed_links(
    commune, clerk, denunciation
):
    complaint = receive(commune, clerk, day=D(2026, 9, 1)).petition
    Petitioner.objects.update(name_key="", name_short_key="")
    Petition.objects.filter(pk=complaint.pk).update(repeat_of=denunciation)
    assert name_index.reindex(only_missing=True) == 2
    assert Petitioner.objects.filter(name_key="").count() == 0
    assert name_index.unlink_mixed_repeats() == 1
    complaint.refresh_from_db()
    assert complaint.repeat_of is None
    found = duplicates.find_repeats(unit=commune, names=[DENOUNCER], content=SUSPECT_CONTENT)
    assert [m.petition for m in found] == [denunciation]


@pytest.mark.django_db
def test_intake_does_not_scale_with_the_number_of_earlier_petitions(commune, clerk, monkeypatch):
    def earlier(count, start):
        for n in range(start, start + count):
            receive(
                commune,
                clerk,
                day=D(2026, 3, 1),
                content=f"Phản ánh đường giao thông xóm {n} xuống cấp cần sửa chữa",
                people=[{"name": f"Người Dân Số {n}"}],
            )

    decrypted = []
    real_unseal = crypto.unseal
    monkeypatch.setattr(crypto, "unseal", lambda t: decrypted.append(t) or real_unseal(t))

    def measure():
        decrypted.clear()
        with CaptureQueriesContext(connection) as queries:
            receive(
                commune,
                clerk,
                day=D(2026, 9, 1),
                content="Phản ánh đường giao thông xóm 7 xuống cấp cần sửa chữa",
                people=[{"name": "Người Dân Số 7"}],
            )
        return len(queries), len(decrypted)

    earlier(10, 0)
    few = measure()
    earlier(60, 10)
    many = measure()
    assert many[0] == few[0]
    # Only the earlier petitions of the same name (one, and the repeat just received) are
    # decrypted, not the seventy others.
    assert few[1] <= 2 and many[1] <= 3
