"""The inbox of reports sent up keeps the unit and period it was opened with (from the
dashboard's "reports sent up" figure) when the user then filters by status."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from conftest import make_user
from reports import services
from reports.models import ReportKind
from reports.periods import Period

pytestmark = pytest.mark.django_db


def _sent(unit, actor, period):
    report = services.create_report(unit=unit, actor=actor, kind=ReportKind.YEAR, period=period)
    report = services.issue_report(report=report, actor=actor, day=datetime.date(2024, 1, 5))
    services.submit_report(report=report, actor=actor)
    return report


def _hidden(html: str) -> dict:
    form = html.split('<form method="get" class="filters', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))


def test_a_status_filter_keeps_the_unit_and_period(
    client, province, commune, other_commune, clerk, charlie
):
    mine = _sent(commune, clerk, Period.year(2023))
    earlier = _sent(commune, clerk, Period.year(2022))
    theirs = _sent(other_commune, charlie, Period.year(2023))
    client.force_login(make_user("tinh-vp", province, Role.OFFICE))
    url = reverse("reports:inbox")

    opened = client.get(url, {"unit": commune.pk, "start": "2023-01-01", "end": "2023-12-31"})
    html = opened.content.decode()
    assert _hidden(html) == {"unit": str(commune.pk), "start": "2023-01-01", "end": "2023-12-31"}
    assert "Đang lọc theo: Xã Hưng Chính; kỳ từ 01/01/2023 đến 31/12/2023." in html

    # The form sends its hidden fields with the status chosen: still one unit, one year.
    filtered = client.get(url, {**_hidden(html), "status": "submitted"}).content.decode()
    assert mine.title in filtered
    assert earlier.title not in filtered and "Xã Khác" not in filtered.split("<table")[1]
    assert _hidden(filtered) == _hidden(html)
    # The way back to every unit and period keeps the status.
    assert f'href="{url}?status=submitted"' in filtered

    everything = client.get(url, {"status": "submitted"}).content.decode()
    assert _hidden(everything) == {}
    assert theirs.title in everything and "Đang lọc theo" not in everything
