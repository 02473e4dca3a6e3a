"""The back office: every registered model's list and form open for an administrator, and an
edit made there lands in the object's history."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent


@pytest.fixture
def superuser(province):
    return User.objects.create_superuser(username="root", password="x-pass-123", unit=province)


def test_every_admin_page_opens(client, superuser, task):
    client.force_login(superuser)
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change


def test_an_admin_edit_of_a_committee_member_is_recorded(client, superuser, seat):
    client.force_login(superuser)
    url = reverse("admin:committee_committeemember_change", args=[seat.pk])
    response = client.post(
        url,
        {
            "unit": seat.unit_id,
            "full_name": seat.full_name,
            "committee_role": "deputy",
            "office_title": "Phó Chủ tịch UBND xã",
            "start_date": "2023-01-01",
            "position": 0,
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(target_id=seat.pk, verb="change")
    assert event.actor == superuser
    assert event.changes["committee_role"] == ["member", "deputy"]
