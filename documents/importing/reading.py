"""What the importer understood from a program or plan document (see docs/import-format.md)."""

import datetime
from dataclasses import dataclass, field


@dataclass
class ReadingItem:
    """One task or clause: ``kind`` is ``focus``, ``scheduled`` or ``organization``."""

    kind: str
    text: str
    period: str | None = None
    responsible: str | None = None
    # the number (from 1) of the source line the item starts on, or None when not known
    line: int | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "text": self.text,
            "period": self.period,
            "responsible": self.responsible,
            "line": self.line,
        }


@dataclass
class Citation:
    """A numbered document the text cites, e.g. ``Chỉ thị số 33/CT-TTg ngày 26/11/2021``."""

    kind: str
    number: str
    number_year: int | None
    symbol: str
    date: datetime.date | None = None
    issuer: str | None = None
    # other spellings of the same document in the text ("16/KH-BTT-MTTQ" for "16/KH-MTTQ-BTT")
    aliases: list[str] = field(default_factory=list)
    # where the mention's date and issuer end in the text (reading state, not reported)
    trailer_end: int = field(default=0, compare=False, repr=False)

    def identifier(self) -> str:
        """The identifier as docs/import-format.md splits it, joined again: ``21/2021/QĐ-TTg``."""
        year = f"/{self.number_year}" if self.number_year else ""
        return f"{self.number}{year}/{self.symbol}"

    def to_dict(self) -> dict:
        """The citation's JSON; ``aliases`` only when the text spells it more than one way."""
        found = {
            "kind": self.kind,
            "number": self.number,
            "number_year": self.number_year,
            "symbol": self.symbol,
            "date": _iso(self.date),
            "issuer": self.issuer,
        }
        if self.aliases:
            found["aliases"] = list(self.aliases)
        return found


@dataclass
class Signer:
    """The signature block: ``TM./KT./Q./TL.`` line, title, further title line, name."""

    capacity: str | None = None
    title: str | None = None
    position: str | None = None
    name: str | None = None

    def to_dict(self) -> dict:
        return {
            "capacity": self.capacity,
            "title": self.title,
            "position": self.position,
            "name": self.name,
        }


@dataclass
class Anniversary:
    """An anniversary the text celebrates: the ``ordinal``-th one of an event in ``base_year``."""

    what: str
    ordinal: int
    base_year: int | None

    def to_dict(self) -> dict:
        return {"what": self.what, "ordinal": self.ordinal, "base_year": self.base_year}


@dataclass
class ProgramReading:
    """The whole reading of one document, before anything is saved."""

    doc_type: str | None = None
    number_symbol: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    place: str | None = None
    date: datetime.date | None = None
    year: int | None = None
    title: str | None = None
    sections: list[str] = field(default_factory=list)
    items: list[ReadingItem] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    anniversaries: list[Anniversary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The opening paragraphs between the title and section I ("Thực hiện …; Ban Chỉ đạo …
    # như sau:"). Kept for the program, not part of docs/import-format.md's JSON.
    preamble: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON object of docs/import-format.md."""
        return {
            "doc_type": self.doc_type,
            "number_symbol": self.number_symbol,
            "issuer_lines": list(self.issuer_lines),
            "place": self.place,
            "date": _iso(self.date),
            "year": self.year,
            "title": self.title,
            "sections": list(self.sections),
            "items": [item.to_dict() for item in self.items],
            "citations": [citation.to_dict() for citation in self.citations],
            "recipients": list(self.recipients),
            "signer": self.signer.to_dict(),
            "anniversaries": [anniversary.to_dict() for anniversary in self.anniversaries],
            "warnings": list(self.warnings),
        }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None
