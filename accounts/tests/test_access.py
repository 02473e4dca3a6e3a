"""A user sees and changes only what their unit and role allow; everything of another
commune answers 404, as if it did not exist."""

import pytest
from django.urls import reverse

from committee.models import CommitteeMember, CommitteeRole
from programs.models import Evidence, TaskStatus
from programs.services import record_task_update
from programs.tests.helpers import pdf_checked


@pytest.fixture
def evidence(task, clerk):
    record_task_update(
        task=task, actor=clerk, status="in_progress", progress=10, files=[pdf_checked()]
    )
    return Evidence.objects.get(task=task)


def other_commune_urls(program, task, evidence, seat, commune):
    return [
        ("get", reverse("programs:program", args=[program.pk])),
        ("get", reverse("programs:task", args=[task.pk])),
        ("get", reverse("programs:evidence", args=[evidence.pk])),
        ("get", reverse("programs:dashboard") + f"?program={program.pk}"),
        ("get", reverse("programs:task_list") + f"?program={program.pk}"),
        ("get", reverse("committee:unit_page", args=[commune.code])),
        ("post", reverse("programs:task", args=[task.pk])),
        ("post", reverse("programs:task_assign", args=[task.pk])),
        ("post", reverse("committee:member_end", args=[seat.pk])),
        ("post", reverse("committee:member_hamlets", args=[seat.pk])),
    ]


def test_a_user_of_another_commune_gets_404_for_every_object(
    client, charlie, program, task, evidence, seat, commune
):
    client.force_login(charlie)
    for method, url in other_commune_urls(program, task, evidence, seat, commune):
        data = {"status": "done", "progress": 100, "end_date": "2023-05-01"}
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404, (method, url, response.status_code)
    task.refresh_from_db()
    seat.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.progress == 10
    assert seat.end_date is None


def test_the_owner_commune_sees_the_same_urls(
    client, clerk, program, task, evidence, seat, commune
):
    client.force_login(clerk)
    for method, url in other_commune_urls(program, task, evidence, seat, commune):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_anonymous_users_are_sent_to_the_login_page(client, program, task):
    for url in [reverse("programs:dashboard"), reverse("programs:task", args=[task.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_the_province_reads_its_communes_but_changes_nothing(
    client, province_viewer, program, task, commune
):
    client.force_login(province_viewer)
    assert client.get(reverse("programs:program", args=[program.pk])).status_code == 200
    assert client.get(reverse("committee:unit_page", args=[commune.code])).status_code == 200
    response = client.post(
        reverse("programs:task", args=[task.pk]), {"status": "done", "progress": 100}
    )
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED


def test_a_viewer_reads_without_a_form_and_cannot_post(client, viewer, task):
    client.force_login(viewer)
    page = client.get(reverse("programs:task", args=[task.pk]))
    assert page.status_code == 200
    assert "Cập nhật tiến độ" not in page.content.decode()
    assert (
        client.post(
            reverse("programs:task", args=[task.pk]), {"status": "done", "progress": 100}
        ).status_code
        == 404
    )


def test_a_member_updates_own_tasks_only(client, member_user, program, task, commune):
    client.force_login(member_user)
    own = client.post(
        reverse("programs:task", args=[task.pk]), {"status": "in_progress", "progress": 40}
    )
    assert own.status_code == 302
    someone_else = CommitteeMember.objects.create(
        unit=commune, full_name="Người khác", committee_role=CommitteeRole.MEMBER, office_title="x"
    )
    not_mine = program.tasks.get(position=2)
    not_mine.responsible = someone_else
    not_mine.save()
    response = client.post(
        reverse("programs:task", args=[not_mine.pk]), {"status": "done", "progress": 100}
    )
    assert response.status_code == 404
    not_mine.refresh_from_db()
    assert not_mine.status == TaskStatus.NOT_STARTED
    # A member may not assign: that is the office's job.
    assert client.post(reverse("programs:task_assign", args=[task.pk]), {}).status_code == 404


def test_a_member_updates_a_task_they_cooperate_on(client, member_user, program, seat, other_seat):
    task = program.tasks.get(position=3)
    task.responsible = other_seat
    task.save()
    task.cooperators.add(seat)
    client.force_login(member_user)
    response = client.post(
        reverse("programs:task", args=[task.pk]), {"status": "in_progress", "progress": 20}
    )
    assert response.status_code == 302
