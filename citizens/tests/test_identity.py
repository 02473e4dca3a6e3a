"""The denouncer's identity: sealed at rest, revealed only to assigned handlers with a logged
reason, redacted for everyone else (pages, search, exports, letters, audit)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from citizens.models import IdentityView, StepKind
from citizens.tests.conftest import DENOUNCER, list_page, step
from conftest import make_user


@pytest.mark.django_db
def test_the_database_column_holds_no_plaintext(denunciation):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sealed FROM citizens_petitioner WHERE petition_id = %s", [denunciation.pk]
        )
        (raw,) = cursor.fetchone()
    assert raw
    for secret in (DENOUNCER, "Bí Mật", "038190009999", "0912000111", "ngõ Hòe"):
        assert secret not in raw
    assert denunciation.names_fold == ""


@pytest.mark.django_db
def test_the_assigned_handler_reveals_with_a_reason_and_the_view_is_logged(
    client, clerk, denunciation
):
    client.force_login(clerk)
    page = client.get(reverse("citizens:detail", args=[denunciation.pk])).content.decode()
    assert DENOUNCER not in page
    response = client.post(
        reverse("citizens:reveal", args=[denunciation.pk]), {"reason": "Gửi thông báo thụ lý"}
    )
    assert DENOUNCER in response.content.decode()
    view = IdentityView.objects.get(petition=denunciation)
    assert (view.user, view.reason) == (clerk, "Gửi thông báo thụ lý")


@pytest.mark.django_db
def test_a_reveal_without_a_reason_shows_nothing(client, clerk, denunciation):
    client.force_login(clerk)
    response = client.post(reverse("citizens:reveal", args=[denunciation.pk]), {"reason": ""})
    assert DENOUNCER not in response.content.decode()
    assert not IdentityView.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CHAIR, Role.MEMBER, Role.VIEWER, Role.OFFICE])
def test_unassigned_colleagues_see_a_redacted_case_and_cannot_reveal(
    client, commune, denunciation, role
):
    colleague = make_user(f"colleague-{role}", commune, role)
    client.force_login(colleague)
    page = client.get(reverse("citizens:detail", args=[denunciation.pk]))
    assert page.status_code == 200
    assert DENOUNCER not in page.content.decode()
    assert "được giữ bí mật" in page.content.decode()
    reveal = client.post(reverse("citizens:reveal", args=[denunciation.pk]), {"reason": "tò mò"})
    assert reveal.status_code == 404
    assert not IdentityView.objects.exists()


@pytest.mark.django_db
def test_searching_the_denouncers_name_finds_nothing_without_access(
    client, commune, clerk, denunciation
):
    viewer = make_user("verifier", commune, Role.MEMBER)
    client.force_login(viewer)
    page = list_page(client, q="Lê Thị Bí Mật").content.decode()
    assert denunciation.receipt_code not in page
    page = list_page(client, q="le thi bi mat").content.decode()
    assert denunciation.receipt_code not in page
    # the handler's summary is searchable; words of the sealed content are not
    page = list_page(client, q="cán bộ địa chính").content.decode()
    assert denunciation.receipt_code in page
    assert DENOUNCER not in page
    page = list_page(client, q="nhận tiền").content.decode()
    assert denunciation.receipt_code not in page
    client.force_login(clerk)
    page = list_page(client, q="le thi bi mat").content.decode()
    assert denunciation.receipt_code in page
    page = list_page(client, q="nhận tiền").content.decode()
    assert denunciation.receipt_code in page


@pytest.mark.django_db
def test_the_audit_log_never_carries_the_identity(clerk, denunciation):
    step(denunciation, clerk, StepKind.ACCEPT, datetime.date(2026, 8, 5))
    events = AuditEvent.objects.filter(target_id=denunciation.pk)
    assert events.count() == 2
    for event in events:
        assert DENOUNCER not in event.summary
        assert DENOUNCER not in str(event.changes)
        assert "038190009999" not in str(event.changes)


@pytest.mark.django_db
def test_the_chair_sees_the_log_of_reveals_and_a_member_does_not(
    client, clerk, chair, member_user, denunciation
):
    client.force_login(clerk)
    client.post(reverse("citizens:reveal", args=[denunciation.pk]), {"reason": "Lập thông báo"})
    client.force_login(chair)
    log = client.get(reverse("citizens:identity_log")).content.decode()
    assert "Lập thông báo" in log and denunciation.receipt_code in log
    assert DENOUNCER not in log
    client.force_login(member_user)
    assert client.get(reverse("citizens:identity_log")).status_code == 404


@pytest.mark.django_db
def test_a_letter_for_an_unassigned_handler_is_redacted(client, chair, clerk, denunciation):
    step(denunciation, clerk, StepKind.ACCEPT, datetime.date(2026, 8, 5))
    accepted = step(denunciation, clerk, StepKind.NOTIFY_ACCEPT, datetime.date(2026, 8, 6))
    import io

    from docx import Document

    client.force_login(chair)  # the chair handles the case but is not assigned to it
    response = client.get(reverse("citizens:letter", args=[denunciation.pk, accepted.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert DENOUNCER not in text
    assert "giữ bí mật" in text
    client.force_login(clerk)
    response = client.get(reverse("citizens:letter", args=[denunciation.pk, accepted.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert DENOUNCER in text
    assert "THÔNG BÁO" in text
    assert IdentityView.objects.filter(user=clerk).count() == 1


@pytest.mark.django_db
def test_another_commune_gets_404(client, charlie, denunciation):
    client.force_login(charlie)
    assert client.get(reverse("citizens:detail", args=[denunciation.pk])).status_code == 404
    assert denunciation.receipt_code not in client.get(reverse("citizens:list")).content.decode()
