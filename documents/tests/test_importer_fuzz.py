"""Whatever bytes it is given, ``parse_program_file`` returns a reading or raises
``ImportFileError``: random bytes, random text, text made of the pieces documents are made of
(markers, times, table rows, closing lines), and the seed's text and Word file with lines
deleted or shuffled, bytes cut off, or garbage inserted.  The reading it returns can be
printed as JSON and has only valid period codes.  150 examples in all, to stay fast."""

import io
import json
import random
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.importing import ImportFileError, ProgramReading, is_valid_period, parse_program_file

SEED_DIR = Path(__file__).resolve().parents[2] / "dvcq" / "seed"
SEED_TEXT = (SEED_DIR / "chuong-trinh-dvcq-2023.txt").read_text("utf-8")
SEED_LINES = SEED_TEXT.split("\n")
SEED_DOCX = (SEED_DIR / "chuong-trinh-dvcq-2023.docx").read_bytes()
EXTENSIONS = [".txt", ".docx", ".pdf", ".text"]

PIECES = [
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH:",
    "Số: 15/KH-UBND",
    "Thạch Lâm, ngày 32 tháng 13 năm 2025",
    "I.",
    "II. NHIỆM VỤ CỤ THỂ",
    "1.",
    "1.1.",
    "a)",
    "(2)",
    "-",
    "+",
    "•",
    "Điều 3.",
    "|",
    " | ",
    "Quý V",
    "Quý IV/2025 và",
    "Tháng 13/2025",
    "chậm nhất ngày 31/2",
    "từ tháng 12 đến quý I",
    "từ ngày 30/2 đến ngày 1/1",
    "6 tháng/lần",
    "0 tuần/lần",
    "hằng tuần",
    "Thời gian thực hiện:",
    "Đơn vị chủ trì:",
    "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của",
    "Luật số 85/2015/QH13",
    "kỷ niệm 60 năm",
    "(10/1963-10/2023)",
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
    "Trên đây là",
    "./.",
]

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_reads_or_refuses(filename: str, data: bytes) -> None:
    try:
        reading = parse_program_file(filename, data)
    except ImportFileError as error:
        assert str(error)
        return
    assert isinstance(reading, ProgramReading)
    if not reading.items:
        assert "Không tìm thấy nhiệm vụ nào trong văn bản." in reading.warnings
    json.dumps(reading.to_dict(), ensure_ascii=False)
    assert all(item.period is None or is_valid_period(item.period) for item in reading.items)


def mutated_lines(rng: random.Random) -> list[str]:
    lines = list(SEED_LINES)
    operation = rng.choice(["delete", "shuffle", "both"])
    if operation in {"delete", "both"}:
        for _ in range(rng.randint(1, len(lines) // 2)):
            del lines[rng.randrange(len(lines))]
    if operation in {"shuffle", "both"}:
        rng.shuffle(lines)
    return lines


def mutated_bytes(data: bytes, rng: random.Random, garbage: bytes) -> bytes:
    operation = rng.choice(["truncate", "insert", "overwrite"])
    at = rng.randrange(len(data))
    if operation == "truncate":
        return data[:at]
    if operation == "insert":
        return data[:at] + garbage + data[at:]
    return data[:at] + garbage + data[at + len(garbage) :]


@FUZZ
@given(data=st.binary(max_size=4096), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes(data, extension):
    assert_reads_or_refuses(f"tep{extension}", data)


@FUZZ
@given(text=st.text(max_size=3000))
def test_random_text(text):
    assert_reads_or_refuses("tep.txt", text.encode("utf-8", errors="surrogatepass"))


document_lines = st.lists(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=6).map(" ".join),
    max_size=40,
)


@FUZZ
@given(lines=document_lines)
def test_text_made_of_document_pieces(lines):
    assert_reads_or_refuses("tep.txt", "\n".join(lines).encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(rng=st.randoms(use_true_random=False), encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_seed_text_with_lines_deleted_or_shuffled(rng, encoding):
    assert_reads_or_refuses("chuong-trinh.txt", "\n".join(mutated_lines(rng)).encode(encoding))


@FUZZ
@given(rng=st.randoms(use_true_random=False), garbage=st.binary(min_size=1, max_size=64))
def test_seed_text_bytes_cut_or_with_garbage(rng, garbage):
    assert_reads_or_refuses("chuong-trinh.txt", mutated_bytes(SEED_TEXT.encode(), rng, garbage))


@FUZZ
@given(rng=st.randoms(use_true_random=False), garbage=st.binary(min_size=1, max_size=64))
def test_seed_docx_bytes_cut_or_with_garbage(rng, garbage):
    assert_reads_or_refuses("chuong-trinh.docx", mutated_bytes(SEED_DOCX, rng, garbage))


@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_seed_docx_with_paragraphs_deleted_or_shuffled(rng):
    document = docx.Document()
    for line in mutated_lines(rng):
        document.add_paragraph(line)
    output = io.BytesIO()
    document.save(output)
    assert_reads_or_refuses("chuong-trinh.docx", output.getvalue())
