"""A denunciation's scanned petition shows the denouncer's handwriting: only the users
assigned to the case download it, and each download is logged like a reveal."""

import datetime

import pytest
from django.urls import reverse

from citizens import services
from citizens.models import IdentityView
from programs.tests.helpers import pdf_upload


@pytest.fixture
def denunciation(commune, clerk, member_user):
    result = services.intake(
        unit=commune,
        actor=clerk,
        data={
            "received_on": datetime.date(2026, 9, 1),
            "channel": "post",
            "case_type": "denunciation",
            "content": "Tố cáo cán bộ địa chính",
        },
        people=[{"name": "Người Tố Cáo"}],
        files=[pdf_upload("don-viet-tay.pdf")],
    )
    services.assign_handlers(petition=result.petition, actor=clerk, users=[member_user])
    return result.petition


def _url(petition):
    return reverse("citizens:attachment", args=[petition.pk, petition.attachments.get().pk])


@pytest.mark.parametrize("who", ["chair", "clerk", "viewer"])
def test_who_is_not_assigned_cannot_download_it(client, request, denunciation, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(denunciation)).status_code == 404
    assert not IdentityView.objects.exists()


def test_the_handlers_download_is_logged_for_the_chair(client, denunciation, member_user, chair):
    client.force_login(member_user)
    response = client.get(_url(denunciation))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    view = IdentityView.objects.get()
    assert view.user == member_user and view.petition == denunciation
    assert "don-viet-tay.pdf" in view.reason
    client.force_login(chair)
    log = client.get(reverse("citizens:identity_log")).content.decode()
    assert "don-viet-tay.pdf" in log and denunciation.receipt_code in log
