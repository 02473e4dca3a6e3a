"""What a program's document says, component by component, before any file format.

``program_document(program)`` gathers the header (issuing body, number, place and date), the
type name and summary, the numbered body and the closing (recipients, signer). The Word and
PDF writers lay out the same ``ProgramDocument``, so the two files always agree.

The body opens with the program's preamble ("Thực hiện …, Ban Chỉ đạo … như sau:"), then
follows the program's structure: key tasks (section I, numbered), scheduled tasks
(section II, one "1. Quý I" subheading per period with "- " bullets) and the implementation
clauses (section III, numbered). An empty section is left out and the others renumbered.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from documents.importing import period_label
from documents.importing.outline import section_kind
from dvcq.text import fold
from outgoing import doctypes, layout
from outgoing.metrics import balanced_lines
from outgoing.services import register_for
from programs.models import Program, TaskKind

ROMAN = ("I", "II", "III", "IV", "V", "VI")
# The steering committee's name, in the phrases a line may not break.
COMMITTEE_NAME = ("BAN CHỈ ĐẠO", "THỰC HIỆN", "CÔNG TÁC", "DÂN VẬN", "CHÍNH QUYỀN")
COMMITTEE_HEAD = "TRƯỞNG BAN"
# The document is Vietnamese whatever the language of the pages: no gettext here.
DEFAULT_SECTION_TITLES = {
    TaskKind.FOCUS: "Nhiệm vụ trọng tâm",
    TaskKind.SCHEDULED: "Nhiệm vụ cụ thể, thời gian thực hiện",
    TaskKind.ORGANIZATION: "Tổ chức thực hiện",
}
_PLACE_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Tỉnh ", "Thành phố ")


@dataclass
class BodyParagraph:
    """``role`` is ``preamble`` (an opening paragraph, no marker), ``section``
    ("I. NHIỆM VỤ TRỌNG TÂM"), ``subheading`` ("1. Quý I"), ``item`` ("1. …") or
    ``bullet`` ("- …")."""

    role: str
    marker: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass
class ProgramDocument:
    issuer_parent: list[str]
    issuer_body: list[str]
    number_symbol: str
    place_and_date: str
    doc_type: str
    title: str
    body: list[BodyParagraph] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_titles: list[str] = field(default_factory=list)
    signer_name: str = ""

    @property
    def number_line(self) -> str:
        # A draft keeps room for the number to be written in: "Số:      /CTr-BCĐ".
        if self.number_symbol.startswith("/"):
            return f"Số:{' ' * 6}{self.number_symbol}"
        return f"Số: {self.number_symbol}"


def program_document(program: Program, register=None) -> ProgramDocument:
    """The document of ``program``; ``register`` gives the issuer's codes (defaults if None)."""
    if register is None:
        register = register_for(program.unit)
    parent, body = issuer_lines(program)
    derived_issuer = not any(line.strip() for line in program.issuer_lines)
    return ProgramDocument(
        issuer_parent=parent,
        issuer_body=body,
        number_symbol=_number_symbol(program, register),
        place_and_date=_place_and_date(program),
        doc_type=program.doc_type or "Chương trình",
        title=program.title,
        body=body_paragraphs(program),
        recipients=recipient_lines(program.recipients, register.drafting_code),
        signer_titles=_signer_titles(program, derived_issuer),
        signer_name=program.signer_name,
    )


def issuer_lines(program: Program) -> tuple[list[str], list[str]]:
    """(supervising body lines, issuing body lines). The program's own header lines when it
    has them: the first is the supervising body ("UBND XÃ HƯNG CHÍNH") unless it is the bare
    name of a people's committee. Else the unit's steering committee under its UBND."""
    lines = [line.strip() for line in program.issuer_lines if line.strip()]
    if len(lines) >= 2 and lines[0].upper() != "ỦY BAN NHÂN DÂN":
        return lines[:1], lines[1:]
    if lines:
        return [], lines
    unit = program.unit
    parent = f"UBND {unit.name.upper()}"
    body = balanced_lines(list(COMMITTEE_NAME), layout.ISSUER_BODY, layout.HEADER_LEFT_MM - 4)
    return [parent], body


def place_name(unit) -> str:
    """ "Hưng Chính" for "Xã Hưng Chính": the place line names the unit without its kind."""
    name = unit.name
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _place_and_date(program: Program) -> str:
    if program.place:
        return program.place_and_date
    # Program.place_and_date follows the decree; a copy with the unit's place uses it too.
    return Program(
        place=place_name(program.unit), issued_on=program.issued_on, year=program.year
    ).place_and_date


def _number_symbol(program: Program, register) -> str:
    symbol = program.number_symbol.strip()
    if symbol:
        return symbol
    try:
        code = doctypes.code_for(program.doc_type, register.issuer_code, register.drafting_code)
    except doctypes.UnknownDocType:
        code = register.issuer_code
    return doctypes.number_symbol(None, code)


def section_titles(sections: list[str]) -> dict[str, str]:
    """The program's own title for each kind of section, else the usual one."""
    titles = dict(DEFAULT_SECTION_TITLES)
    found: set[str] = set()
    for title in sections:
        kind = section_kind(title)
        if kind in titles and kind not in found:
            titles[kind] = title
            found.add(kind)
    return titles


def body_paragraphs(program: Program) -> list[BodyParagraph]:
    tasks = list(program.tasks.order_by("position"))
    titles = section_titles(program.sections)
    by_kind = {kind: [t for t in tasks if t.kind == kind] for kind in TaskKind.values}
    paragraphs = [
        BodyParagraph("preamble", "", line.strip())
        for line in program.preamble.splitlines()
        if line.strip()
    ]
    sections = [kind for kind in TaskKind.values if by_kind[kind]]
    for roman, kind in zip(ROMAN, sections, strict=False):
        paragraphs.append(BodyParagraph("section", f"{roman}.", titles[kind].upper()))
        if kind == TaskKind.SCHEDULED:
            paragraphs.extend(_scheduled(by_kind[kind]))
        else:
            paragraphs.extend(
                BodyParagraph("item", f"{n}.", task.text.strip())
                for n, task in enumerate(by_kind[kind], start=1)
            )
    if paragraphs:
        last = paragraphs[-1]
        last.text = _end_body(last.text)
    return paragraphs


def _scheduled(tasks) -> list[BodyParagraph]:
    groups: dict[str, list] = {}
    for task in tasks:
        groups.setdefault(period_label(task.period or None), []).append(task)
    paragraphs = []
    for n, (label, members) in enumerate(groups.items(), start=1):
        paragraphs.append(BodyParagraph("subheading", f"{n}.", label))
        paragraphs.extend(BodyParagraph("bullet", "-", task.text.strip()) for task in members)
    return paragraphs


def _end_body(text: str) -> str:
    """The body ends with "./."."""
    if text.endswith(layout.BODY_END):
        return text
    return text + ("/." if text.endswith(".") else layout.BODY_END)


def recipient_lines(recipients: list[str], drafting_code: str = "") -> list[str]:
    """ "- Ban Dân vận Thành ủy Vinh;" per recipient, ending with "- Lưu: VT, …."."""
    entries = [r.strip().rstrip(";,.").strip() for r in recipients if r.strip()]
    filed = [e for e in entries if e.lower().startswith("lưu")]
    others = [e for e in entries if not e.lower().startswith("lưu")]
    filed_copy = filed[0] if filed else "Lưu: VT" + (f", {drafting_code}" if drafting_code else "")
    return [f"- {entry};" for entry in others] + [f"- {filed_copy}."]


def _signer_titles(program: Program, derived_issuer: bool) -> list[str]:
    lines = [
        value.strip()
        for value in (program.signer_capacity, program.signer_title, program.signer_position)
        if value.strip()
    ]
    if not lines and derived_issuer:
        lines = [COMMITTEE_HEAD]
    return lines


def file_stem(program: Program) -> str:
    """An ASCII file name: ``chuong-trinh-2023-xa-hung-chinh``."""
    return slugify(fold(f"{program.doc_type} {program.year} {program.unit.name}"))
