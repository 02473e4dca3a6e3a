"""Activities: recording with files and tasks, computed anniversary ordinals, totals per
kind and quarter, and scoping."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from activities import anniversaries, services, stats
from activities.models import Activity, ActivityFile, Anniversary, Counting
from audit.models import AuditEvent
from conftest import make_program
from programs.models import TaskStatus, TaskUpdate
from units.models import Unit, UnitKind


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def national(name_part: str) -> Anniversary:
    return Anniversary.objects.get(unit=None, name__icontains=name_part)


def activity_data(**overrides):
    data = {
        "kind": "legal",
        "title": "Hưởng ứng Ngày Pháp luật Việt Nam",
        "held_on": datetime.date(2023, 11, 9),
        "place": "Hội trường UBND xã",
        "organiser": "Công chức Tư pháp - Hộ tịch",
        "audience": "Cán bộ, công chức, nhân dân",
        "participants": 120,
    }
    return data | overrides


# Anniversaries ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_national_anniversaries_are_seeded_and_ordinals_computed():
    assert anniversaries.ordinal(national("ngày sinh Chủ tịch"), 2023) == 133
    assert anniversaries.ordinal(national("Cách mạng Tháng Tám"), 2023) == 78
    assert anniversaries.ordinal(national("Quốc khánh"), 2023) == 78
    assert anniversaries.ordinal(national("Dân vận"), 2023) == 74
    assert anniversaries.ordinal(national("Ngày Pháp luật"), 2023) == 11
    assert anniversaries.label(national("ngày sinh Chủ tịch"), 2023) == (
        "133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)"
    )
    assert anniversaries.label(national("Ngày Pháp luật"), 2023) == (
        "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam lần thứ 11 (09/11/2023)"
    )
    assert anniversaries.ordinal(national("Ngày Pháp luật"), 2012) is None


def test_unit_anniversary_of_the_city_above_applies_to_the_commune(province, clerk):
    city = Unit.objects.create(
        code="tp-vinh", name="Thành phố Vinh", kind=UnitKind.DISTRICT, parent=province
    )
    ward = Unit.objects.create(code="p-a", name="Phường A", kind=UnitKind.WARD, parent=city)
    city_clerk = type(clerk).objects.create_user("cityclerk", unit=city, role="office")
    founded = services.add_anniversary(
        unit=city, actor=city_clerk, name="thành lập thành phố Vinh", month=10, base_year=1963
    )
    labels = [o.label for o in anniversaries.occurrences(ward, 2023)]
    assert "60 năm thành lập thành phố Vinh (10/1963 - 10/2023)" in labels
    assert founded in [o.anniversary for o in anniversaries.occurrences(ward, 2023) if o.round]
    # another commune of the province does not mark it
    assert founded not in anniversaries.for_unit(clerk.unit)


def test_anniversary_with_impossible_date_is_refused(commune, clerk):
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.add_anniversary(
            unit=commune, actor=clerk, name="X", day=31, month=2, base_year=1990
        )
    assert not Anniversary.objects.filter(unit=commune).exists()


def test_anniversary_page_adds_and_lists_unit_event(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("activities:anniversaries"),
        {
            "name": "giải phóng xã",
            "day": 5,
            "month": 3,
            "base_year": 1948,
            "counting": Counting.YEARS,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("activities:anniversaries"), {"year": 2023}).content.decode()
    assert "75 năm giải phóng xã (5/3/1948 - 5/3/2023)" in page
    assert "133 năm ngày sinh Chủ tịch Hồ Chí Minh" in page


# Recording activities -----------------------------------------------------------------------


def test_activity_with_task_note_only_when_asked(commune, clerk, task):
    services.create_activity(unit=commune, actor=clerk, tasks=[task], **activity_data())
    assert not TaskUpdate.objects.filter(task=task).exists()

    activity = services.create_activity(
        unit=commune,
        actor=clerk,
        tasks=[task],
        note_tasks=True,
        **activity_data(title="Tuyên truyền Chỉ thị 33"),
    )
    update = TaskUpdate.objects.get(task=task)
    assert "Tuyên truyền Chỉ thị 33" in update.note and "120 người tham dự" in update.note
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert list(activity.tasks.all()) == [task]
    assert AuditEvent.objects.filter(target_id=activity.pk, verb="create").exists()


def test_task_of_another_commune_is_refused(commune, clerk, other_program):
    foreign = other_program.tasks.first()
    with pytest.raises(ValidationError, match="không thuộc đơn vị này"):
        services.create_activity(unit=commune, actor=clerk, tasks=[foreign], **activity_data())
    assert not Activity.objects.exists()


def test_create_page_stores_checked_photo_and_serves_it_to_the_unit_only(
    client, clerk, charlie, settings
):
    client.force_login(clerk)
    data = activity_data(held_on="2023-11-09", anniversary=national("Ngày Pháp luật").pk)
    data["files"] = [SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")]
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    stored = ActivityFile.objects.get()
    assert stored.content_type == "image/png"
    path = settings.EVIDENCE_ROOT / stored.file.name
    assert path.is_file()
    detail = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam lần thứ 11" in detail
    download = client.get(reverse("activities:file", args=[stored.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == png_bytes()
    client.force_login(charlie)
    assert client.get(reverse("activities:file", args=[stored.pk])).status_code == 404


def test_file_whose_content_does_not_match_its_name_is_refused(client, clerk):
    client.force_login(clerk)
    data = activity_data(held_on="2023-11-09")
    data["files"] = [
        SimpleUploadedFile("tai-lieu.pdf", png_bytes(), content_type="application/pdf")
    ]
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 400
    assert "không phải là tệp PDF" in response.content.decode()
    assert not Activity.objects.exists() and not ActivityFile.objects.exists()


def test_edit_records_changes(client, clerk, commune):
    activity = services.create_activity(unit=commune, actor=clerk, **activity_data())
    client.force_login(clerk)
    form = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert 'value="2023-11-09"' in form and 'value="120"' in form
    data = activity_data(held_on="2023-11-09", participants=150)
    response = client.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.participants == 150
    event = AuditEvent.objects.get(target_id=activity.pk, verb="change")
    assert event.changes["participants"] == [120, 150]


def test_another_commune_gets_404(client, charlie, clerk, commune):
    activity = services.create_activity(unit=commune, actor=clerk, **activity_data())
    client.force_login(charlie)
    for name in ("detail", "edit"):
        assert client.get(reverse(f"activities:{name}", args=[activity.pk])).status_code == 404
    assert activity.title not in client.get(reverse("activities:list")).content.decode()


def test_viewer_cannot_create(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("activities:create")).status_code == 404


def test_list_filters_by_kind_and_year(client, clerk, commune):
    services.create_activity(unit=commune, actor=clerk, **activity_data())
    services.create_activity(
        unit=commune,
        actor=clerk,
        **activity_data(
            kind="study", title="Học tập bài báo Dân vận", held_on=datetime.date(2022, 10, 15)
        ),
    )
    client.force_login(clerk)
    page = client.get(reverse("activities:list"), {"kind": "study"}).content.decode()
    assert "Học tập bài báo Dân vận" in page and "Hưởng ứng Ngày Pháp luật" not in page
    page = client.get(reverse("activities:list"), {"year": 2023}).content.decode()
    assert "Học tập bài báo Dân vận" not in page and "Hưởng ứng Ngày Pháp luật" in page


# Totals -------------------------------------------------------------------------------------


def _many(commune, clerk, n):
    for i in range(n):
        services.create_activity(
            unit=commune,
            actor=clerk,
            **activity_data(
                kind=("legal", "propaganda")[i % 2],
                held_on=datetime.date(2023, 1 + (i % 12), 10),
                participants=10,
            ),
        )


@pytest.mark.parametrize("count", [4, 40])
def test_totals_per_kind_and_quarter_in_one_query(commune, clerk, count, django_assert_num_queries):
    _many(commune, clerk, count)
    with django_assert_num_queries(1):
        rows, total = stats.totals_by_kind_and_quarter(Activity.objects.filter(unit=commune), 2023)
    legal = next(r for r in rows if r.kind == "legal")
    assert legal.total_sessions == count // 2
    assert total.total_participants == 10 * count
    assert sum(total.sessions) == count


def test_totals_page_counts_only_visible_units(client, clerk, charlie, commune, other_commune):
    services.create_activity(unit=commune, actor=clerk, **activity_data(participants=120))
    services.create_activity(
        unit=other_commune,
        actor=charlie,
        **activity_data(participants=999, held_on=datetime.date(2023, 2, 1)),
    )
    client.force_login(clerk)
    response = client.get(reverse("activities:totals"), {"year": 2023})
    rows = {r.kind: r for r in response.context["rows"]}
    assert rows["legal"].quarters[3] == (1, 120)
    assert response.context["total"].total_participants == 120


def test_feed_lists_activities(commune, clerk, charlie):
    from activities.feeds import activity_events

    services.create_activity(
        unit=commune, actor=clerk, anniversary=national("Ngày Pháp luật"), **activity_data()
    )
    events = activity_events(commune, clerk)
    assert events[0]["start"] == datetime.date(2023, 11, 9)
    assert "lần thứ 11" in events[0]["description"]
    assert activity_events(commune, charlie) == []


def test_program_for_other_year_tasks_listed_in_form(client, clerk, commune):
    make_program(commune, year=2024, tasks=1)
    client.force_login(clerk)
    page = client.get(reverse("activities:create")).content.decode()
    assert "2024 · Nhiệm vụ số 1 tuyên truyền" in page


def test_activities_appear_in_the_calendar_feed(commune, clerk):
    feeds = pytest.importorskip("followup.feeds")
    from activities.feeds import activity_events

    assert activity_events in feeds.registered_sources()
    services.create_activity(unit=commune, actor=clerk, **activity_data())
    token, _secret = feeds.issue_token(clerk, "unit")
    feed = feeds.build_feed(token).decode().replace("\r\n ", "")  # unfold lines
    assert "Hưởng ứng Ngày Pháp luật Việt Nam" in feed
    assert "DTSTART;VALUE=DATE:20231109" in feed
