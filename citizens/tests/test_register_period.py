"""The reception register for a chosen year, quarter or span of dates, on the page and in
the .xlsx, which follows the same choice."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from citizens import services

NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def visits(commune, clerk):
    with time_machine.travel(NOW, tick=False):
        for day, name in (
            (datetime.date(2025, 12, 30), "Người Năm Trước"),
            (datetime.date(2026, 2, 3), "Người Quý Một"),
            (datetime.date(2026, 8, 4), "Người Quý Ba"),
        ):
            services.record_visit(
                unit=commune,
                actor=clerk,
                data={
                    "date": day,
                    "name": name,
                    "content": "Hỏi về thủ tục",
                    "case_type": "petition",
                },
            )


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        " ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)
    ]


@pytest.mark.django_db
def test_the_register_follows_the_chosen_year_and_period(client, clerk, visits):
    client.force_login(clerk)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("citizens:register"), {"year": 2025}).content.decode()
        assert "Người Năm Trước" in page and "Người Quý Một" not in page
        assert "Sổ tiếp công dân năm 2025" in page
        assert '<option value="2025" selected>' in page
        quarter = {"year": 2026, "ky": "q3"}
        page = client.get(reverse("citizens:register"), quarter).content.decode()
        assert "Người Quý Ba" in page and "Người Quý Một" not in page
        assert "start=2026-07-01&amp;end=2026-09-30" in page  # the export link
        rows = xlsx_rows(
            client.get(
                reverse("citizens:register_xlsx"), {"start": "2026-07-01", "end": "2026-09-30"}
            )
        )
        assert rows[0] == "SỔ TIẾP CÔNG DÂN TỪ 01/07/2026 ĐẾN 30/09/2026"
        assert any("Người Quý Ba" in r for r in rows)
        assert not any("Người Quý Một" in r or "Năm Trước" in r for r in rows)
        year = xlsx_rows(client.get(reverse("citizens:register_xlsx"), {"year": 2025}))
        assert year[0] == "SỔ TIẾP CÔNG DÂN NĂM 2025"
        assert any("Người Năm Trước" in r for r in year)
        assert not any("Người Quý" in r for r in year)
        # A nonsense year falls back to this year.
        page = client.get(reverse("citizens:register"), {"year": "abc"}).content.decode()
        assert "Sổ tiếp công dân năm 2026" in page and "Người Quý Một" in page
