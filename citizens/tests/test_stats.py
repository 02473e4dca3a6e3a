"""Statistics for a period against a hand-computed fixture, on the page and in the .xlsx;
the board's colours by time left."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from citizens.models import CaseType, Competence, PetitionField, StepKind
from citizens.tests.conftest import receive, step

D = datetime.date
TODAY = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def period_cases(commune, clerk):
    """Five petitions in Jul–Nov 2026 and one before (hand-computed results in the tests)."""
    land = PetitionField.objects.get(code="dat-dai")
    env = PetitionField.objects.get(code="moi-truong")
    staff = PetitionField.objects.get(code="can-bo")
    with time_machine.travel(TODAY, tick=False):
        receive(commune, clerk, day=D(2026, 5, 4), field=land)  # outside the period
        p1 = receive(
            commune,
            clerk,
            day=D(2026, 7, 1),
            field=land,
            content="Khiếu nại quyết định thu hồi đất thửa 12 tờ bản đồ 5 của gia đình tôi",
            people=[{"name": "Phạm Văn Một"}],
        ).petition
        step(p1, clerk, StepKind.ACCEPT, D(2026, 7, 3))
        step(p1, clerk, StepKind.DECIDE, D(2026, 7, 20), result="right")
        step(p1, clerk, StepKind.NOTIFY, D(2026, 7, 21))  # on time
        p2 = receive(
            commune,
            clerk,
            day=D(2026, 7, 6),
            field=land,
            content="Khiếu nại về bồi thường cây",
            people=[{"name": "Hoàng Văn Hai"}],
        ).petition
        step(p2, clerk, StepKind.ACCEPT, D(2026, 8, 20))  # accepted late (due 15/7)
        p3 = receive(
            commune,
            clerk,
            day=D(2026, 7, 10),
            case_type=CaseType.PETITION,
            competence=Competence.OUTSIDE,
            field=env,
            content="Phản ánh khói bụi từ nhà máy gạch",
        ).petition
        step(p3, clerk, StepKind.FORWARD, D(2026, 7, 14), body="Sở Nông nghiệp và Môi trường")
        receive(  # a denunciation still within its 7 working days
            commune,
            clerk,
            day=D(2026, 11, 20),
            case_type=CaseType.DENUNCIATION,
            field=staff,
            content="Tố cáo cán bộ tư pháp gây phiền hà",
        )
        repeat = receive(  # the same person and content as p1, never accepted: late
            commune,
            clerk,
            day=D(2026, 8, 3),
            field=land,
            content="Khiếu nại quyết định thu hồi đất thửa 12, tờ bản đồ 5",
            people=[{"name": "Pham Van Mot"}],
        ).petition
        assert repeat.repeat_of == p1


EXPECTED = {
    "Khiếu nại": 3,
    "Tố cáo": 1,
    "Kiến nghị, phản ánh": 1,
    "Đất đai": 3,
    "Môi trường": 1,
    "Thuộc thẩm quyền": 4,
    "Không thuộc thẩm quyền": 1,
    "Đúng": 1,
    "Đã chuyển đơn": 1,
    "Chưa có kết quả": 3,
    "Lần đầu": 4,
    "Trùng, tái diễn": 1,
    "Đúng hạn": 2,
    "Trễ hạn": 2,
    "Đang trong hạn": 1,
}


@pytest.mark.django_db
def test_the_statistics_page_and_xlsx_match_the_hand_count(client, clerk, period_cases):
    client.force_login(clerk)
    query = {"start": "2026-07-01", "end": "2026-11-30"}
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("citizens:statistics"), query).content.decode()
        xlsx = client.get(reverse("citizens:statistics_xlsx"), query)
    assert 'data-count="total">5<' in page
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [(r[0], r[1]) for r in sheet.iter_rows(values_only=True) if len(r) > 1]
    values = dict(rows)
    assert values["Tổng số đơn"] == 5
    for label, count in EXPECTED.items():
        assert values[label] == count, label
        assert f"<td>{label}</td><td>{count}</td>" in page
    totals = [value for label, value in rows if label == "Cộng"]
    assert totals == [5] * 6


@pytest.mark.django_db
def test_the_board_colours_cases_by_time_left(client, commune, clerk):
    with time_machine.travel(TODAY, tick=False):
        overdue = receive(commune, clerk, day=D(2026, 11, 2)).petition  # acceptance due 11/11
        soon = receive(
            commune, clerk, day=D(2026, 11, 16), case_type=CaseType.DENUNCIATION
        ).petition  # 7 working days (24/11 is a holiday): due 26/11, one working day left
        fresh = receive(commune, clerk, day=D(2026, 11, 25)).petition
        client.force_login(clerk)
        page = client.get(reverse("citizens:board")).content.decode()
    assert f'data-code="{overdue.receipt_code}" data-state="overdue"' in page
    assert f'data-code="{fresh.receipt_code}" data-state="ok"' in page
    assert f'data-code="{soon.receipt_code}" data-state="soon"' in page
    assert 'data-count="soon">1<' in page
    assert page.index(overdue.receipt_code) < page.index(fresh.receipt_code)
