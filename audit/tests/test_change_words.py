"""A change history in words: the field's Vietnamese label instead of its name
(``due_date``), a choice's label instead of its value, dates as dd/mm/yyyy."""

from django.urls import reverse

from audit.services import record


def test_the_task_history_names_fields_and_values_in_words(client, clerk, task):
    record(
        actor=clerk,
        unit=task.unit,
        target=task,
        verb="update",
        summary="Cập nhật",
        changes={
            "status": ["not_started", "in_progress"],
            "kind": ["task", "task"],
            "due_date": ["2023-03-31", "2023-04-28"],
        },
    )
    client.force_login(clerk)
    page = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    html = page[page.index('class="card history"') :]
    assert "Chưa thực hiện</del> → <ins>Đang thực hiện" in html
    assert "31/03/2023</del> → <ins>28/04/2023" in html
    assert "Hạn hoàn thành" in html
    for raw in ("not_started", "due_date", ">kind<", "2023-04-28"):
        assert raw not in html


def test_a_field_the_model_does_not_have_is_not_shown_by_its_name(client, clerk, task):
    record(
        actor=clerk,
        unit=task.unit,
        target=task,
        verb="update",
        summary="Cập nhật",
        changes={"legacy_flag": [None, "x"]},
    )
    client.force_login(clerk)
    html = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert "legacy_flag" not in html and "Thông tin khác" in html
