"""The urging letter's signature block carries the authority line the signer's capacity
calls for (Decree 30, Appendix I): the committee's head signs "TM. BAN CHỈ ĐẠO / TRƯỞNG BAN",
a deputy "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN", a titled authority typed by hand is kept."""

import io

import pytest
from docx import Document

from followup import urging
from followup.tests.test_urging import TODAY, assigned  # noqa: F401 (fixture)
from followup.urging_document import letter_docx


def signature_lines(content: bytes) -> list[str]:
    """The signer's cell of the closing table: its lines in order."""
    document = Document(io.BytesIO(content))
    right = document.tables[-1].rows[0].cells[-1]
    return [p.text for p in right.paragraphs if p.text.strip()]


def _letter(program, clerk, tasks, titles):
    return urging.draft_letter(
        unit=program.unit,
        program=program,
        task_ids=[t.pk for t in tasks],
        actor=clerk,
        day=TODAY,
        titles=titles,
        signer_name="Nguyễn Văn A",
    )


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["TRƯỞNG BAN"], ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]),
        (["Phó Trưởng ban"], ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
        (["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
        (["CHỦ TỊCH"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (["PHÓ CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_the_signature_block_has_the_authority_line(
    assigned,  # noqa: F811
    program,
    clerk,
    titles,
    expected,
):
    letter = _letter(program, clerk, [assigned[1]], titles)
    assert signature_lines(letter_docx(letter)) == [*expected, "Nguyễn Văn A"]
