"""Queuing a background job is a write: a viewer (of the commune or of the province) and a
committee member can queue none, whichever URL they post to. Written as the viewer who tries.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import Job
from reports import services as report_services
from reports.models import ReportKind
from reports.periods import Period


@pytest.fixture
def sent_report(commune, clerk):
    """A report of the commune, issued and sent up, so the province viewer sees it too."""
    report = report_services.create_report(
        unit=commune, actor=clerk, kind=ReportKind.YEAR, period=Period.year(2023)
    )
    report = report_services.issue_report(report=report, actor=clerk, day=datetime.date(2024, 1, 5))
    return report_services.submit_report(report=report, actor=clerk)


def _enqueuing_posts(report):
    """Every URL that queues a job, with the body that queues it."""
    upload = SimpleUploadedFile("ct.txt", "Chương trình".encode(), content_type="text/plain")
    return [
        (reverse("reports:generate", args=[report.pk]), {"fmt": "docx"}),
        (reverse("documents:import_many"), {"files": [upload]}),
    ]


@pytest.mark.parametrize("who", ["viewer", "province_viewer", "member_user"])
def test_a_reader_queues_no_job(client, request, sent_report, who):
    client.force_login(request.getfixturevalue(who))
    for url, data in _enqueuing_posts(sent_report):
        response = client.post(url, data)
        assert response.status_code == 404, url
    assert not Job.objects.exists()


def test_the_office_queues_the_report_file(client, clerk, sent_report):
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[sent_report.pk])).content.decode()
    assert reverse("reports:generate", args=[sent_report.pk]) in page
    client.post(reverse("reports:generate", args=[sent_report.pk]), {"fmt": "docx"})
    assert Job.objects.filter(kind="reports.generate_file").count() == 1


def test_the_viewer_is_not_offered_the_button(client, viewer, sent_report):
    client.force_login(viewer)
    page = client.get(reverse("reports:detail", args=[sent_report.pk])).content.decode()
    assert reverse("reports:generate", args=[sent_report.pk]) not in page
