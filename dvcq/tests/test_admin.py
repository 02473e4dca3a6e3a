"""The back office: every registered model's list and form open for an administrator, and an
edit made there lands in the object's history."""

import datetime

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


def test_every_audited_admin_action_leaves_one_event_per_object(client, superuser, program):
    """Each action of each audited back-office list (Django's "delete selected" included,
    which deletes in one query unless told otherwise) run on two objects: each of them has
    its own audit event afterwards."""
    from django.contrib.contenttypes.models import ContentType

    from audit.admin import AuditedAdminMixin
    from programs.models import Task

    client.force_login(superuser)
    for n in (1, 2):
        Task.objects.create(
            program=program,
            kind="scheduled",
            position=90 + n,
            period="Q1",
            text=f"Việc {n}",
            due_date=datetime.date(2023, 3, 31),
        )
    walked = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, AuditedAdminMixin):
            continue
        request = type("R", (), {"user": superuser, "GET": {}, "method": "GET"})()
        for action in model_admin.get_actions(request):
            allowed = [
                obj
                for obj in model.objects.order_by("-pk")[:20]
                if model_admin.has_delete_permission(request, obj)
            ]
            pks = [obj.pk for obj in allowed[:2]]
            if not pks:
                continue
            meta = model._meta
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            data = {"action": action, "_selected_action": pks, "post": "yes"}
            assert client.post(changelist, data).status_code in (200, 302)
            kind = ContentType.objects.get_for_model(model)
            for pk in pks:
                assert AuditEvent.objects.filter(target_type=kind, target_id=pk).exists(), (
                    f"{meta.label} {action} on {pk} left no audit event"
                )
            walked += 1
    assert walked, "no audited admin action was walked"
