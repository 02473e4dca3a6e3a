"""Reports through the API: the unit's own reports; a child's only once sent up; download."""

from api.tests.conftest import error_of
from reports import services
from reports.models import ReportStatus


def _report(commune, clerk):
    period = services.period_for("year", 2023)
    return services.create_report(unit=commune, actor=clerk, kind="year", period=period)


def test_own_draft_is_listed_and_downloadable(api, clerk, commune, program):
    report = _report(commune, clerk)
    client = api(clerk)
    rows = client.get("/api/v1/reports/").json()["results"]
    assert [r["id"] for r in rows] == [report.pk]
    assert rows[0]["status"] == "draft"
    response = client.get(f"/api/v1/reports/{report.pk}/download/docx/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    unknown = client.get(f"/api/v1/reports/{report.pk}/download/odt/")
    assert unknown.status_code == 404
    assert error_of(unknown)["code"] == "not_found"


def test_parent_sees_a_childs_report_only_once_sent(
    api, clerk, commune, province_viewer, charlie, program
):
    report = _report(commune, clerk)
    assert api(province_viewer).get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert api(charlie).get(f"/api/v1/reports/{report.pk}/").status_code == 404
    report.status = ReportStatus.SUBMITTED
    report.save(update_fields=["status"])
    assert api(province_viewer).get(f"/api/v1/reports/{report.pk}/").status_code == 200
    assert api(charlie).get(f"/api/v1/reports/{report.pk}/").status_code == 404
