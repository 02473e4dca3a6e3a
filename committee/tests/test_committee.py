"""The steering committee: members, hamlets they follow, reconstitution kept as history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from committee import services
from committee.models import CommitteeMember, CommitteeRole


def seat_data(name, role=CommitteeRole.MEMBER, title="Công chức"):
    return {"full_name": name, "committee_role": role, "office_title": title}


def test_reconstitution_ends_old_seats_and_keeps_them_as_history(commune, clerk):
    services.reconstitute(
        unit=commune,
        actor=clerk,
        number="45/QĐ-UBND",
        signed_on=datetime.date(2021, 8, 16),
        summary="",
        members=[seat_data("A", CommitteeRole.HEAD), seat_data("B")],
    )
    decision = services.reconstitute(
        unit=commune,
        actor=clerk,
        number="12/QĐ-UBND",
        signed_on=datetime.date(2023, 2, 6),
        summary="",
        members=[seat_data("A", CommitteeRole.HEAD), seat_data("C")],
    )
    current = CommitteeMember.objects.filter(unit=commune).current()
    assert sorted(m.full_name for m in current) == ["A", "C"]
    assert all(m.decision == decision for m in current)
    past = CommitteeMember.objects.filter(unit=commune, end_date__isnull=False)
    assert sorted(m.full_name for m in past) == ["A", "B"]
    assert all(m.end_date == datetime.date(2023, 2, 5) for m in past)
    on_2022 = CommitteeMember.objects.filter(unit=commune).active_on(datetime.date(2022, 1, 1))
    assert sorted(m.full_name for m in on_2022) == ["A", "B"]
    assert AuditEvent.objects.filter(unit=commune, verb="end").count() == 2


def test_committee_page_shows_members_roles_decision_and_hamlets(
    client, viewer, commune, hamlets, clerk
):
    decision = services.reconstitute(
        unit=commune,
        actor=clerk,
        number="12/QĐ-UBND",
        signed_on=datetime.date(2023, 2, 6),
        summary="Kiện toàn Ban",
        members=[
            {
                **seat_data("Nguyễn Hồng Quang", CommitteeRole.HEAD, "Chủ tịch UBND xã"),
                "hamlets": [hamlets[0]],
            },
        ],
    )
    client.force_login(viewer)
    body = client.get(reverse("committee:page")).content.decode()
    for text in [
        "Nguyễn Hồng Quang",
        "Trưởng ban",
        "Chủ tịch UBND xã",
        decision.number,
        "06/02/2023",
        "Xóm 1",
    ]:
        assert text in body, text
    assert reverse("committee:member_add") not in body  # a viewer gets no form


def test_office_adds_a_member_through_the_page(client, clerk, commune, hamlets):
    client.force_login(clerk)
    response = client.post(
        reverse("committee:member_add"),
        {
            "full_name": "Lê Thị Hoa",
            "committee_role": "member",
            "office_title": "Công chức Văn phòng - Thống kê",
            "start_date": "2023-02-06",
            "hamlets": [hamlets[1].pk],
        },
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get(full_name="Lê Thị Hoa")
    assert list(member.hamlets.all()) == [hamlets[1]]
    assert AuditEvent.objects.filter(target_id=member.pk, verb="create").exists()


def test_adding_a_member_without_a_name_changes_nothing(client, clerk, commune):
    client.force_login(clerk)
    response = client.post(
        reverse("committee:member_add"),
        {"full_name": "", "committee_role": "member", "office_title": "x"},
    )
    assert response.status_code == 400
    assert not CommitteeMember.objects.exists()


def test_ending_a_membership_and_reassigning_hamlets_are_recorded(client, clerk, seat, hamlets):
    client.force_login(clerk)
    client.post(
        reverse("committee:member_hamlets", args=[seat.pk]),
        {"hamlets": [hamlets[0].pk, hamlets[2].pk]},
    )
    assert set(seat.hamlets.all()) == {hamlets[0], hamlets[2]}
    client.post(reverse("committee:member_end", args=[seat.pk]), {"end_date": "2023-12-31"})
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2023, 12, 31)
    verbs = list(AuditEvent.objects.filter(target_id=seat.pk).values_list("verb", flat=True))
    assert sorted(verbs) == ["assign", "end"]
    body = client.get(reverse("committee:page")).content.decode()
    assert "Thành viên qua các thời kỳ" in body and "31/12/2023" in body


def test_an_end_date_before_the_start_is_refused(client, clerk, seat):
    client.force_login(clerk)
    response = client.post(
        reverse("committee:member_end", args=[seat.pk]), {"end_date": "2022-01-01"}, follow=True
    )
    assert "Ngày thôi tham gia không được trước ngày bắt đầu" in response.content.decode()
    seat.refresh_from_db()
    assert seat.end_date is None


def test_hamlets_of_another_commune_cannot_be_assigned(commune, other_commune, clerk):
    from units.models import Hamlet

    foreign = Hamlet.objects.create(unit=other_commune, name="Xóm lạ", kind="xom")
    with pytest.raises(ValidationError):
        services.add_member(
            unit=commune,
            actor=clerk,
            full_name="X",
            committee_role="member",
            office_title="x",
            hamlets=[foreign],
        )
    assert not CommitteeMember.objects.exists()


def test_a_reconstitution_that_fails_half_way_changes_nothing(commune, clerk):
    services.reconstitute(
        unit=commune,
        actor=clerk,
        number="1/QĐ",
        signed_on=datetime.date(2021, 1, 4),
        summary="",
        members=[seat_data("A")],
    )
    with pytest.raises(ValidationError):
        services.reconstitute(
            unit=commune,
            actor=clerk,
            number="2/QĐ",
            signed_on=datetime.date(2023, 1, 4),
            summary="",
            members=[seat_data("B"), seat_data("  ")],
        )
    assert [m.full_name for m in CommitteeMember.objects.filter(unit=commune).current()] == ["A"]
    assert CommitteeMember.objects.count() == 1
