"""``dvcq export-program``: the file a clerk asks for, or a Vietnamese reason why not."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from outgoing.tests.readers import open_docx, pdf_pages


def export(tmp_path, **options):
    out = StringIO()
    target = tmp_path / options.pop("name", "ctr.docx")
    defaults = {"unit": "xa-hung-chinh", "year": "2023", "format": "docx"}
    call_command("export_program", output=str(target), stdout=out, **{**defaults, **options})
    return target, out.getvalue()


def test_export_writes_the_word_file(tmp_path, seed_program):
    target, said = export(tmp_path)
    assert open_docx(target.read_bytes()).paragraphs[0].text == "CHƯƠNG TRÌNH"
    assert said.strip() == f"Đã xuất chương trình năm 2023 của Xã Hưng Chính ra {target}."


def test_export_writes_the_pdf(tmp_path, seed_program):
    target, _said = export(tmp_path, format="pdf", name="ctr.pdf")
    assert "Nguyễn Hồng Quang" in pdf_pages(target.read_bytes())[-1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unit": "xa-khong-co"}, "Không tìm thấy đơn vị có mã “xa-khong-co”."),
        ({"year": "2031"}, "Xã Hưng Chính chưa có chương trình năm 2031."),
        ({"year": "hai-nghin"}, "Năm “hai-nghin” không hợp lệ; ghi năm bằng số, ví dụ 2023."),
        ({"format": "odt"}, "Định dạng “odt” không được hỗ trợ; chọn docx hoặc pdf."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(
    tmp_path, seed_program, options, message
):
    with pytest.raises(CommandError) as error:
        export(tmp_path, **options)
    assert str(error.value) == message
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_is_reported(tmp_path, seed_program):
    with pytest.raises(CommandError, match="Không ghi được tệp"):
        export(tmp_path, name="khong-co-thu-muc/ctr.docx")


def test_missing_options_are_named_in_vietnamese(seed_program):
    with pytest.raises(CommandError, match=r"Thiếu --format, --output\."):
        call_command("export_program", unit="xa-hung-chinh", year="2023")
