"""Assigning a task: people, hamlets, period and due date within the program's year."""

from django.urls import reverse

from audit.models import AuditEvent


def test_office_assigns_person_cooperator_hamlet_and_due_date(
    client, clerk, task, seat, other_seat, hamlets
):
    client.force_login(clerk)
    response = client.post(
        reverse("programs:task_assign", args=[task.pk]),
        {
            "responsible": other_seat.pk,
            "cooperators": [seat.pk],
            "hamlets": [hamlets[0].pk, hamlets[2].pk],
            "period": "Q2",
            "due_date": "",
            "responsible_office": "Bộ phận Văn phòng",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.responsible == other_seat
    assert list(task.cooperators.all()) == [seat]
    assert set(task.hamlets.all()) == {hamlets[0], hamlets[2]}
    assert task.period == "Q2" and task.due_date.isoformat() == "2023-06-30" and task.quarter == 2
    event = AuditEvent.objects.get(target_id=task.pk, verb="assign")
    assert event.changes["responsible"] == [str(seat), str(other_seat)]
    assert event.changes["due_date"] == ["31/03/2023", "30/06/2023"]


def test_a_due_date_outside_the_program_year_is_refused(client, clerk, task):
    client.force_login(clerk)
    response = client.post(
        reverse("programs:task_assign", args=[task.pk]), {"due_date": "2024-01-15", "period": ""}
    )
    assert response.status_code == 400
    assert "Hạn hoàn thành phải nằm trong năm 2023" in response.content.decode()
    task.refresh_from_db()
    assert task.due_date.isoformat() == "2023-03-31"
    assert not AuditEvent.objects.filter(target_id=task.pk, verb="assign").exists()


def test_an_unknown_period_is_refused(client, clerk, task):
    client.force_login(clerk)
    response = client.post(reverse("programs:task_assign", args=[task.pk]), {"period": "Quý 9"})
    assert response.status_code == 400
    assert "Thời gian thực hiện không hợp lệ" in response.content.decode()


def test_a_member_of_another_commune_cannot_be_assigned(
    client, clerk, task, charlie, other_commune
):
    from committee.models import CommitteeMember

    stranger = CommitteeMember.objects.create(
        unit=other_commune, full_name="Người xã khác", committee_role="member", office_title="x"
    )
    client.force_login(clerk)
    response = client.post(
        reverse("programs:task_assign", args=[task.pk]), {"responsible": stranger.pk}
    )
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.responsible != stranger


def test_the_history_speaks_in_labels_not_field_names(client, clerk, task, seat, other_seat):
    client.force_login(clerk)
    client.post(
        reverse("programs:task_assign", args=[task.pk]),
        {"responsible": other_seat.pk, "cooperators": [seat.pk], "period": "Q1"},
    )
    body = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert '<span class="field">Người phối hợp</span>' in body
    assert '<span class="field">cooperators' not in body
    assert f"<ins>{seat}</ins>" in body
