"""Every list and detail keeps to the units the token's user may see: another commune's
object is a 404, exactly as on the web pages."""

import datetime

import pytest

from activities.models import Activity, ActivityKind
from committee.models import CommitteeMember, CommitteeRole
from conftest import make_program
from documents.models import Citation, CitedDocument

ENDPOINTS = ["programs", "tasks", "committee-members", "activities", "documents"]


@pytest.fixture
def both_communes(commune, other_commune, program, other_program, seat):
    CommitteeMember.objects.create(
        unit=other_commune,
        full_name="Người Xã Khác",
        committee_role=CommitteeRole.HEAD,
        office_title="Chủ tịch",
    )
    for unit, title in ((commune, "Tuyên truyền Hưng Chính"), (other_commune, "Hội nghị xã khác")):
        Activity.objects.create(
            unit=unit,
            kind=ActivityKind.PROPAGANDA,
            title=title,
            held_on=datetime.date(2023, 5, 1),
            place="Hội trường",
            organiser="UBND xã",
        )
    ours = CitedDocument.objects.create(kind="Chỉ thị", number="33", symbol="CT-TTg", key="ct-33")
    theirs = CitedDocument.objects.create(
        kind="Nghị quyết", number="25", symbol="NQ/TW", key="nq-25"
    )
    Citation.objects.create(program=program, document=ours)
    Citation.objects.create(program=other_program, document=theirs)
    return {"ours": program, "theirs": other_program}


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_charlie_sees_nothing_of_hung_chinh(api, charlie, clerk, both_communes, endpoint):
    mine = _ids(api(clerk).get(f"/api/v1/{endpoint}/"))
    theirs = _ids(api(charlie).get(f"/api/v1/{endpoint}/"))
    assert mine and theirs
    assert not mine & theirs
    for pk in mine:
        response = api(charlie).get(f"/api/v1/{endpoint}/{pk}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_units_list_is_the_users_unit_and_below(api, clerk, province_viewer, both_communes):
    commune_units = {u["code"] for u in api(clerk).get("/api/v1/units/").json()["results"]}
    assert commune_units == {"xa-hung-chinh"}
    province_units = {
        u["code"] for u in api(province_viewer).get("/api/v1/units/").json()["results"]
    }
    assert province_units == {"tinh-a", "xa-hung-chinh", "xa-khac"}


def test_province_sees_every_commune_and_filters_by_unit(
    api, province_viewer, commune, both_communes
):
    client = api(province_viewer)
    assert _ids(client.get("/api/v1/programs/")) == {
        both_communes["ours"].pk,
        both_communes["theirs"].pk,
    }
    assert _ids(client.get("/api/v1/programs/", {"unit": commune.pk})) == {both_communes["ours"].pk}


def test_filtering_by_an_invisible_unit_finds_nothing(api, charlie, commune, both_communes):
    assert _ids(api(charlie).get("/api/v1/tasks/", {"unit": commune.pk})) == set()


def test_task_filters_by_year_status_and_due_dates(api, clerk, commune, program):
    later = make_program(commune, year=2099, tasks=2)
    client = api(clerk)
    assert _ids(client.get("/api/v1/tasks/", {"year": 2099})) == set(
        later.tasks.values_list("pk", flat=True)
    )
    # 2023's open tasks are past due: their status reads "overdue".
    overdue = _ids(client.get("/api/v1/tasks/", {"status": "overdue"}))
    assert overdue == set(program.tasks.values_list("pk", flat=True))
    q1 = _ids(client.get("/api/v1/tasks/", {"date_from": "2023-01-01", "date_to": "2023-03-31"}))
    assert q1 == set(program.tasks.filter(due_date__lte="2023-03-31").values_list("pk", flat=True))
    row = client.get(f"/api/v1/tasks/{min(q1)}/").json()
    assert row["status"] == "overdue" and row["status_label"] == "Quá hạn"
