"""Choosing a task's time of execution in words: a common period from a list or a span of
dates; the page shows no codes, and a plain code posted by a script is still accepted."""

from django.urls import reverse

from audit.models import AuditEvent


def _assign(client, task, data):
    return client.post(reverse("programs:task_assign", args=[task.pk]), data)


def test_the_assignment_form_offers_periods_in_words(client, clerk, task):
    client.force_login(clerk)
    html = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert ">Quý II</option>" in html and ">6 tháng đầu năm</option>" in html
    assert ">Hằng tháng</option>" in html and "hoặc từ ngày" in html
    assert '<label for="id_period_0">Thời gian thực hiện</label>' in html
    assert "every:6M …" not in html and "D:YYYY-MM-DD" not in html


def test_a_span_of_dates_becomes_the_task_period(client, clerk, task):
    client.force_login(clerk)
    response = _assign(
        client, task, {"period": "", "period_from": "2023-03-01", "period_to": "2023-04-15"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.period_label == "Từ ngày 01/03/2023 đến ngày 15/04/2023"
    assert task.due_date.isoformat() == "2023-04-17"  # 15/04 is a Saturday
    event = AuditEvent.objects.get(target_id=task.pk, verb="assign")
    assert event.changes["period"][1] == "Từ ngày 01/03/2023 đến ngày 15/04/2023"


def test_one_day_is_the_end_date_alone(client, clerk, task):
    client.force_login(clerk)
    assert _assign(client, task, {"period": "Q4", "period_to": "2023-05-19"}).status_code == 302
    task.refresh_from_db()
    assert task.period_label == "Ngày 19/05/2023"


def test_a_start_without_an_end_or_after_it_is_refused(client, clerk, task):
    client.force_login(clerk)
    response = _assign(client, task, {"period": "", "period_from": "2023-05-01"})
    assert response.status_code == 400
    assert "Nhập cả ngày kết thúc" in response.content.decode()
    response = _assign(
        client, task, {"period": "", "period_from": "2023-05-01", "period_to": "2023-04-01"}
    )
    assert "Ngày bắt đầu phải trước ngày kết thúc" in response.content.decode()
    task.refresh_from_db()
    assert task.period == "Q1"
    assert not AuditEvent.objects.filter(target_id=task.pk, verb="assign").exists()


def test_an_uncommon_period_is_offered_in_words_and_kept(client, clerk, task):
    task.period = "R:Q4/Q1"
    task.save()
    client.force_login(clerk)
    html = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert 'value="R:Q4/Q1" selected>Từ quý IV đến quý I năm sau</option>' in html
    assert _assign(client, task, {"period": "R:Q4/Q1"}).status_code == 302
    task.refresh_from_db()
    assert task.period == "R:Q4/Q1"
