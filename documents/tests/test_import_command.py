"""``dvcq import-program``: the seed as the clerk has it becomes the program; bad files are
refused in Vietnamese and change nothing."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from documents.models import CitedDocument
from programs.models import Program, TaskKind

SEED_DIR = Path(__file__).resolve().parents[2] / "dvcq" / "seed"
SEED = SEED_DIR / "chuong-trinh-dvcq-2023.txt"
EXPECTED = json.loads((SEED_DIR / "chuong-trinh-dvcq-2023.expected.json").read_text("utf-8"))


def assert_matches_expected(report: dict) -> None:
    for key in [
        "doc_type",
        "number_symbol",
        "place",
        "date",
        "year",
        "title",
        "sections",
        "citations",
        "recipients",
        "signer",
        "anniversaries",
        "issuer_lines",
    ]:
        assert report[key] == EXPECTED[key], key
    assert len(report["items"]) == len(EXPECTED["items"])
    for got, want in zip(report["items"], EXPECTED["items"], strict=True):
        assert got["kind"] == want["kind"]
        assert got["period"] == want["period"]
        assert got["text"].startswith(want["text_starts"]), (got["text"][:60], want["text_starts"])


def test_dry_run_json_matches_the_expected_reading(db):
    out = StringIO()
    call_command("import_program", str(SEED), dry_run=True, format="json", stdout=out)
    assert_matches_expected(json.loads(out.getvalue()))
    assert not Program.objects.exists()


def test_the_dvcq_console_script_runs_the_same_command(tmp_path):
    script = Path(sys.executable).parent / "dvcq"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    result = subprocess.run(
        [str(script), "import-program", str(SEED), "--dry-run", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len([i for i in report["items"] if i["kind"] == "focus"]) == 10
    assert len([i for i in report["items"] if i["kind"] == "scheduled"]) == 17
    assert len(report["citations"]) == 15


def test_import_creates_the_program_as_the_document_has_it(commune):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    program = Program.objects.get(unit=commune, year=2023)
    assert program.number_symbol == "/CTr-BTH" and program.issued_on is None
    assert program.title == "Công tác Dân vận chính quyền năm 2023"
    assert program.signer_name == "Nguyễn Hồng Quang" and program.signer_title == "TRƯỞNG BAN"
    assert len(program.recipients) == 6
    tasks = program.tasks.order_by("position")
    assert tasks.filter(kind=TaskKind.FOCUS).count() == 10
    assert tasks.filter(kind=TaskKind.SCHEDULED).count() == 17
    assert tasks.filter(kind=TaskKind.ORGANIZATION).count() == 2
    q1 = tasks.filter(period="Q1")
    assert q1.count() == 4 and {t.due_date.isoformat() for t in q1} == {"2023-03-31"}
    # 31/12/2023 is a Sunday and 1/1/2024 a holiday: the deadline is the next working day.
    assert {t.due_date.isoformat() for t in tasks.filter(period="Q4")} == {"2024-01-02"}
    assert tasks.get(period="every:6M").kind == TaskKind.FOCUS
    assert program.citations.count() == 15
    assert CitedDocument.objects.filter(kind="Chỉ thị", number="33").count() == 1


def test_importing_the_same_document_again_changes_nothing(commune):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    out = StringIO()
    call_command("import_program", str(SEED), unit=commune.code, stdout=out)
    assert "thêm 0, sửa 0, bỏ 0, giữ nguyên 29" in out.getvalue()
    assert Program.objects.count() == 1
    assert Program.objects.get().tasks.count() == 29


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "rong.txt", "rỗng"),
        (b"   \n\n  ", "trang.txt", "rỗng"),
        (b"\x00\x01\x02\xff\xfe\x00garbage\x00" * 50, "hong.txt", "Không đọc được"),
        ("Một văn bản không có nhiệm vụ nào.".encode(), "lac.txt", "Không tìm thấy nhiệm vụ"),
    ],
)
def test_bad_files_get_a_vietnamese_message_and_nothing_is_saved(
    commune, tmp_path, content, name, message
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_program", str(path), unit=commune.code, stdout=StringIO())
    assert not Program.objects.exists()


def test_a_file_over_the_size_limit_is_refused(commune, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    path = tmp_path / "lon.txt"
    path.write_bytes(SEED.read_bytes())
    with pytest.raises(CommandError, match="quá lớn"):
        call_command("import_program", str(path), unit=commune.code, stdout=StringIO())
    assert not Program.objects.exists()


def test_a_missing_file_or_unit_is_explained(commune, tmp_path):
    with pytest.raises(CommandError, match="Không mở được tệp"):
        call_command("import_program", str(tmp_path / "khong-co.txt"), unit=commune.code)
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("import_program", str(SEED), unit="xa-khong-ton-tai")
    assert not Program.objects.exists()


def test_a_failure_after_the_program_row_rolls_everything_back(commune, monkeypatch):
    import programs.services as services

    def broken(program, citations):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "index_citations", broken)
    with pytest.raises(RuntimeError):
        call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    assert not Program.objects.exists()


def test_a_folder_is_imported_with_a_failure_summary(commune, tmp_path):
    (tmp_path / "2023.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "2024.txt").write_text(SEED.read_text("utf-8").replace("2023", "2024"), "utf-8")
    (tmp_path / "hong.txt").write_bytes(b"")
    out, err = StringIO(), StringIO()
    call_command("import_program", str(tmp_path), unit=commune.code, stdout=out, stderr=err)
    assert "Đã đọc 2 văn bản, đã lưu 2; 1 tệp không đọc được." in out.getvalue()
    assert "hong.txt" in out.getvalue() and "3/3" in err.getvalue()
    assert sorted(Program.objects.values_list("year", flat=True)) == [2023, 2024]
