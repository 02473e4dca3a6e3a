"""The office searches the audit log of its unit: scoped, filtered, paginated, inert."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import record
from committee.models import CommitteeMember, CommitteeRole
from units.models import Unit

URL = reverse("audit:search")
XSS = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def _event(actor, unit, target, summary, verb="change", changes=None, when=None):
    event = record(
        actor=actor, unit=unit, target=target, verb=verb, summary=summary, changes=changes
    )
    if when:
        AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    return event


@pytest.fixture
def events(clerk, charlie, commune, other_commune):
    seat = CommitteeMember.objects.create(
        unit=commune,
        full_name="Nguyễn Văn Tư",
        committee_role=CommitteeRole.MEMBER,
        office_title="Công chức",
        start_date=datetime.date(2024, 1, 1),
    )
    return {
        "own_unit": _event(
            clerk,
            commune,
            commune,
            "Đổi tên xã",
            changes={"name": ["Xã Cũ", "Xã Hưng Chính"]},
            when=datetime.datetime(2024, 3, 1, 3, 0, tzinfo=datetime.UTC),
        ),
        "own_seat": _event(
            clerk,
            commune,
            seat,
            "Thêm thành viên Ban",
            verb="create",
            changes={"office_title": [None, "Công chức Văn hóa"]},
            when=datetime.datetime(2024, 6, 1, 3, 0, tzinfo=datetime.UTC),
        ),
        "other": _event(charlie, other_commune, other_commune, "Việc của xã khác ZZKHACZZ"),
    }


def _summaries(response):
    return {e.summary for e in response.context["page"].object_list}


def test_office_sees_own_unit_events_not_another_communes(client, clerk, events):
    client.force_login(clerk)
    response = client.get(URL)
    assert response.status_code == 200
    assert _summaries(response) == {"Đổi tên xã", "Thêm thành viên Ban"}
    assert "ZZKHACZZ" not in response.content.decode()
    assert "Xã Cũ" in response.content.decode()


def test_province_office_sees_the_communes_below(client, province, events):
    from conftest import make_user

    office = make_user("tinh-office", province, "office")
    client.force_login(office)
    response = client.get(URL)
    assert len(_summaries(response)) == 3


@pytest.mark.parametrize("role", ["viewer", "member_user", "province_viewer"])
def test_readers_cannot_open_it(client, request, role, events):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code in (403, 404)


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_chair_sees_it_and_the_identity_log_link(client, chair, clerk, events):
    client.force_login(chair)
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("citizens:identity_log") in response.content.decode()
    client.force_login(clerk)
    assert reverse("citizens:identity_log") not in client.get(URL).content.decode()


def test_filters(client, clerk, chair, commune, events):
    _event(
        chair,
        commune,
        commune,
        "Chủ tịch sửa",
        when=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC),
    )
    client.force_login(clerk)
    by_actor = client.get(URL, {"actor": "CHAI"})
    assert _summaries(by_actor) == {"Chủ tịch sửa"}
    seat_type = ContentType.objects.get_for_model(CommitteeMember)
    by_kind = client.get(URL, {"kind": seat_type.pk})
    assert _summaries(by_kind) == {"Thêm thành viên Ban"}
    assert _summaries(client.get(URL, {"verb": "create"})) == {"Thêm thành viên Ban"}
    by_dates = client.get(URL, {"start": "2024-05-01", "end": "2024-06-30"})
    assert _summaries(by_dates) == {"Thêm thành viên Ban"}
    assert _summaries(client.get(URL, {"end": "2024-03-01"})) == {"Đổi tên xã"}
    # free text over the summary and over the before/after values
    assert _summaries(client.get(URL, {"q": "thành viên"})) == {"Thêm thành viên Ban"}
    assert _summaries(client.get(URL, {"q": "Văn hóa"})) == {"Thêm thành viên Ban"}
    assert _summaries(client.get(URL, {"q": "Xã Cũ"})) == {"Đổi tên xã"}
    assert _summaries(client.get(URL, {"q": "ZZKHACZZ"})) == set()
    # filters the page does not understand are ignored, not an error
    junk = client.get(URL, {"kind": "abc", "start": "hôm qua", "end": "9999-12-31", "page": "x"})
    assert junk.status_code == 200
    assert len(_summaries(junk)) == 3


def test_paginated_in_the_database_keeping_filters(client, clerk, commune):
    for n in range(55):
        record(actor=clerk, unit=commune, target=commune, verb="change", summary=f"Sửa lần {n}")
    client.force_login(clerk)
    first = client.get(URL, {"verb": "change"})
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 55
    assert "verb=change&amp;page=2" in first.content.decode()
    second = client.get(URL, {"verb": "change", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_a_logged_value_is_rendered_inert(client, clerk, commune):
    _event(clerk, commune, commune, f"Sửa {XSS}", changes={"name": ["cũ", XSS]})
    client.force_login(clerk)
    html = client.get(URL, {"q": XSS}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_way_to_change_the_log(client, clerk, commune, events):
    client.force_login(clerk)
    assert client.post(URL, {"q": "x"}).status_code == 405
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/")
    request.user = type("Admin", (), {"is_active": True, "is_staff": True, "is_superuser": True})()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, events["own_unit"])
    assert not model_admin.has_delete_permission(request, events["own_unit"])
    assert Unit.objects.filter(pk=commune.pk).exists()
