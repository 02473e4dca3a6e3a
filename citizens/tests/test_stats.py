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
def test_petition_stats_keeps_its_figures_for_the_reports(commune, period_cases):
    """``petition_stats`` (used by the reports app) against the hand count."""
    from citizens.models import Petition
    from citizens.stats import petition_stats

    with time_machine.travel(TODAY, tick=False):
        stats = petition_stats(
            Petition.objects.filter(unit=commune), D(2026, 7, 1), D(2026, 11, 30)
        )
    assert stats.total == 5
    values = {}
    for _title, counts in stats.sections():
        values.update({str(k): v for k, v in counts.items()})
    for label, count in EXPECTED.items():
        assert values[label] == count, label


@pytest.fixture
def more_cases(commune, clerk, period_cases):
    """On top of ``period_cases``: one handled before the period, one ineligible and filed,
    one complaint accepted before the period and decided late in it, two denunciations
    accepted in the period (one suspended, one withdrawn)."""
    staff = PetitionField.objects.get(code="can-bo")
    with time_machine.travel(TODAY, tick=False):
        before = receive(
            commune,
            clerk,
            day=D(2026, 6, 1),
            competence=Competence.OUTSIDE,
            content="Khiếu nại về hợp đồng lao động",
            people=[{"name": "Lý Văn Sáu"}],
        ).petition
        step(before, clerk, StepKind.GUIDE, D(2026, 6, 3))
        filed = receive(
            commune,
            clerk,
            day=D(2026, 9, 1),
            case_type=CaseType.PETITION,
            eligible=False,
            ineligible_reasons="Đơn không ký tên",
            content="Kiến nghị sửa chữa cống thoát nước",
            people=[{"name": "Mai Văn Bảy"}],
        ).petition
        step(filed, clerk, StepKind.FILE, D(2026, 9, 5))
        late = receive(
            commune,
            clerk,
            day=D(2026, 5, 11),
            content="Khiếu nại việc xử phạt vi phạm hành chính về xây dựng",
            people=[{"name": "Đinh Văn Tám"}],
        ).petition
        step(late, clerk, StepKind.ACCEPT, D(2026, 5, 15))
        # resolution due 30 days after 15/5: 14/6 is a Sunday, so 15/6; decided 30/7: late
        step(late, clerk, StepKind.DECIDE, D(2026, 7, 30), result="partly")
        suspended = receive(
            commune,
            clerk,
            day=D(2026, 9, 7),
            case_type=CaseType.DENUNCIATION,
            field=staff,
            content="Tố cáo trưởng thôn lập danh sách hộ nghèo sai",
            people=[{"name": "Người Thứ Chín"}],
        ).petition
        step(suspended, clerk, StepKind.ACCEPT, D(2026, 9, 10))
        step(suspended, clerk, StepKind.SUSPEND, D(2026, 9, 20))
        withdrawn = receive(
            commune,
            clerk,
            day=D(2026, 10, 1),
            case_type=CaseType.DENUNCIATION,
            field=staff,
            content="Tố cáo kế toán xã chi sai tiền hỗ trợ",
            people=[{"name": "Người Thứ Mười"}],
        ).petition
        step(withdrawn, clerk, StepKind.ACCEPT, D(2026, 10, 5))
        step(withdrawn, clerk, StepKind.WITHDRAW, D(2026, 10, 20))  # due 4/11: on time
    from citizens.models import Petition

    assert Petition.objects.filter(repeat_of__isnull=False).count() == 1


def read_form(content: bytes) -> dict:
    """{row label: {(group, column label): value}} from a form's .xlsx, checking its layout:
    the form's number, unit and period on top, numbered columns."""
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Biểu số 01/")
    assert rows[2][0] == "Đơn vị báo cáo: Xã Hưng Chính"
    assert rows[3][0] == "Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/11/2026"
    groups, labels, numbers = rows[5], rows[6], rows[7]
    assert list(numbers[1:]) == list(range(1, len(numbers)))
    group, keys = None, []
    for g, label in zip(groups[1:], labels[1:], strict=True):
        group = g or group
        keys.append((group, label))
    table = {}
    for row in rows[8:]:
        if row[0] is None or str(row[0]).startswith("Kiểm tra"):
            continue
        table[row[0]] = dict(zip(keys, row[1:], strict=True))
    return table


def check_sums(content: bytes):
    """Every equation the form states ("1 = 5 + 9") holds on every row."""
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    note = next(r[0] for r in rows if r[0] and str(r[0]).startswith("Kiểm tra"))
    equations = note.removeprefix("Kiểm tra: cột ").split("; cột ")
    for row in rows[8:]:
        if row[0] is None or str(row[0]).startswith("Kiểm tra"):
            continue
        for equation in equations:
            left, right = equation.split(" = ")
            assert row[int(left)] == sum(row[int(n)] for n in right.split(" + ")), equation


XLD = {
    ("Tổng số đơn", "Tổng số đơn phải xử lý"): 9,
    ("Tổng số đơn", "Kỳ trước chuyển sang"): 1,
    ("Tổng số đơn", "Tiếp nhận trong kỳ"): 8,
    ("Tổng số đơn", "Đơn trùng"): 1,
    ("Tổng số đơn", "Số vụ việc"): 8,
    ("Điều kiện xử lý", "Đủ điều kiện xử lý"): 8,
    ("Điều kiện xử lý", "Không đủ điều kiện xử lý"): 1,
    ("Phân loại theo nội dung", "Khiếu nại"): 4,
    ("Phân loại theo nội dung", "Tố cáo"): 3,
    ("Phân loại theo nội dung", "Kiến nghị, phản ánh"): 2,
    ("Phân loại theo nội dung", "Nhiều nội dung"): 0,
    ("Phân loại theo lĩnh vực", "Đất đai"): 4,
    ("Phân loại theo lĩnh vực", "Môi trường"): 1,
    ("Phân loại theo lĩnh vực", "Chưa phân loại"): 1,
    ("Thẩm quyền", "Thuộc thẩm quyền"): 8,
    ("Thẩm quyền", "Không thuộc thẩm quyền"): 1,
    ("Kết quả xử lý", "Thụ lý"): 4,
    ("Kết quả xử lý", "Hướng dẫn"): 0,
    ("Kết quả xử lý", "Chuyển đơn"): 1,
    ("Kết quả xử lý", "Trả lại đơn"): 0,
    ("Kết quả xử lý", "Xếp lưu đơn"): 1,
    ("Kết quả xử lý", "Tổng số đã xử lý"): 6,
    ("Kết quả xử lý", "Chưa xử lý (chuyển kỳ sau)"): 3,
}
KQGQ_COLUMNS = [
    ("Vụ việc phải giải quyết", "Tổng số"),
    ("Vụ việc phải giải quyết", "Kỳ trước chuyển sang"),
    ("Vụ việc phải giải quyết", "Thụ lý trong kỳ"),
    ("Kết quả giải quyết", "Đã giải quyết"),
    ("Kết quả giải quyết", "Đúng"),
    ("Kết quả giải quyết", "Đúng một phần"),
    ("Kết quả giải quyết", "Sai"),
    ("Kết quả giải quyết", "Rút đơn"),
    ("Kết quả giải quyết", "Kết quả khác"),
    ("Kết quả giải quyết", "Chưa giải quyết"),
    ("Kết quả giải quyết", "Đang tạm đình chỉ"),
    ("Thời hạn giải quyết", "Giải quyết đúng hạn"),
    ("Thời hạn giải quyết", "Giải quyết quá hạn"),
]
KQGQ = {
    "Khiếu nại": [3, 1, 2, 2, 1, 1, 0, 0, 0, 1, 0, 1, 1],
    "Tố cáo": [2, 0, 2, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0],
    "Tổng cộng": [5, 1, 4, 3, 1, 1, 0, 1, 0, 2, 1, 2, 1],
}


@pytest.mark.django_db
def test_handling_and_resolution_forms_match_the_hand_count(client, clerk, more_cases):
    client.force_login(clerk)
    query = {"start": "2026-07-01", "end": "2026-11-30"}
    staff = PetitionField.objects.get(code="can-bo").name
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("citizens:statistics"), query)
        xld = client.get(reverse("citizens:statistics_xlsx", args=["xld"]), query).content
        kqgq = client.get(reverse("citizens:statistics_xlsx", args=["kqgq"]), query).content
    handling = read_form(xld)["Tổng cộng"]
    for key, value in {**XLD, ("Phân loại theo lĩnh vực", staff): 3}.items():
        assert handling[key] == value, key
    assert sum(v for (g, _l), v in handling.items() if g == "Phân loại theo lĩnh vực") == 9
    resolution = read_form(kqgq)
    for row, values in KQGQ.items():
        assert [resolution[row][key] for key in KQGQ_COLUMNS] == values, row
    check_sums(xld)
    check_sums(kqgq)
    # The page shows the same tables.
    forms = {f.slug: f for f in page.context["forms"]}
    assert forms["kqgq"].rows == [(row, list(resolution[row].values())) for row in KQGQ]
    html = page.content.decode()
    assert "Biểu số 01/XLD" in html and "Biểu số 01/KQGQ" in html and "Biểu số 01/TCD" in html


@pytest.mark.django_db
def test_reception_form_matches_the_hand_count(client, commune, clerk):
    from citizens import services
    from citizens.models import ReceptionSlot, SlotKind

    land = PetitionField.objects.get(code="dat-dai")
    staff_field = PetitionField.objects.get(code="can-bo")
    slot = {
        kind: ReceptionSlot.objects.create(
            unit=commune,
            kind=kind,
            weekday=3,
            receiver="Chủ tịch UBND",
            place="Trụ sở",
            start_time=datetime.time(8),
            end_time=datetime.time(11),
            valid_from=D(2026, 1, 1),
        )
        for kind in (SlotKind.CHAIR, SlotKind.STAFF)
    }

    def visit(day, **data):
        open_petition = data.pop("open_petition", False)
        base = {"date": day, "name": "Công dân", "content": "Nội dung", "case_type": "complaint"}
        services.record_visit(
            unit=commune, actor=clerk, data=base | data, open_petition=open_petition
        )

    with time_machine.travel(TODAY, tick=False):
        visit(D(2026, 6, 30), name="Ngoài kỳ")
        visit(
            D(2026, 8, 6),
            slot=slot[SlotKind.CHAIR],
            people=6,
            representatives="Trần Văn A, Trần Văn B",
            within_competence=True,
            content="Đoàn khiếu nại về giá đền bù đường liên xã",
        )
        visit(
            D(2026, 8, 7),
            case_type="petition",
            guided_to="Số 12/UBND-VP: Sở Xây dựng",
            content="Phản ánh về giấy phép xây dựng",
        )
        visit(
            D(2026, 9, 10),
            slot=slot[SlotKind.STAFF],
            case_type="denunciation",
            within_competence=True,
            field=staff_field,
            open_petition=True,
            name="Người Tố Cáo",
            content="Tố cáo cán bộ văn hóa thu tiền sai quy định",
        )
        visit(
            D(2026, 9, 11),
            slot=slot[SlotKind.STAFF],
            people=2,
            within_competence=True,
            forwarded_to="Số 03/PC-UBND",
            field=land,
            open_petition=True,
            name="Phan Văn Mười Một",
            content="Khiếu nại quyết định thu hồi đất làm đường thửa 40 tờ bản đồ 7",
        )
        visit(
            D(2026, 10, 2),
            within_competence=True,
            field=land,
            open_petition=True,
            name="Phan Van Muoi Mot",
            content="Khiếu nại quyết định thu hồi đất làm đường, thửa 40 tờ bản đồ 7",
        )
        client.force_login(clerk)
        query = {"start": "2026-07-01", "end": "2026-11-30"}
        content = client.get(reverse("citizens:statistics_xlsx", args=["tcd"]), query).content
    row = read_form(content)["Tổng cộng"]
    expected = {
        ("Tổng số", "Lượt tiếp"): 5,
        ("Tổng số", "Số người"): 11,
        ("Tổng số", "Vụ việc lần đầu"): 4,
        ("Tổng số", "Vụ việc tái diễn (đơn trùng)"): 1,
        ("Tiếp thường xuyên", "Lượt tiếp"): 4,
        ("Tiếp thường xuyên", "Số người"): 5,
        ("Tiếp thường xuyên", "Đoàn đông người"): 0,
        ("Lãnh đạo tiếp định kỳ, đột xuất", "Lượt tiếp"): 1,
        ("Lãnh đạo tiếp định kỳ, đột xuất", "Số người"): 6,
        ("Lãnh đạo tiếp định kỳ, đột xuất", "Đoàn đông người"): 1,
        ("Lãnh đạo tiếp định kỳ, đột xuất", "Số người trong đoàn"): 6,
        ("Phân loại theo nội dung", "Khiếu nại"): 3,
        ("Phân loại theo nội dung", "Tố cáo"): 1,
        ("Phân loại theo nội dung", "Kiến nghị, phản ánh"): 1,
        ("Phân loại theo lĩnh vực", land.name): 2,
        ("Phân loại theo lĩnh vực", staff_field.name): 1,
        ("Phân loại theo lĩnh vực", "Chưa phân loại"): 2,
        ("Kết quả tiếp", "Thuộc thẩm quyền"): 4,
        ("Kết quả tiếp", "Tiếp nhận đơn"): 3,
        ("Kết quả tiếp", "Hướng dẫn"): 1,
        ("Kết quả tiếp", "Chuyển đơn"): 1,
    }
    for key, value in expected.items():
        assert row[key] == value, key
    check_sums(content)


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
