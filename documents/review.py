"""The review screen's data: an importer reading kept as JSON while the clerk corrects it."""

import datetime

from documents.importing import (
    Anniversary,
    Citation,
    ProgramReading,
    ReadingItem,
    Signer,
)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def reading_from_dict(data: dict) -> ProgramReading:
    """The inverse of ``ProgramReading.to_dict`` (extra keys such as corrections are ignored)."""
    signer = data.get("signer") or {}
    return ProgramReading(
        doc_type=data.get("doc_type"),
        number_symbol=data.get("number_symbol"),
        issuer_lines=list(data.get("issuer_lines") or []),
        place=data.get("place"),
        date=_date(data.get("date")),
        year=data.get("year"),
        title=data.get("title"),
        sections=list(data.get("sections") or []),
        preamble=[str(line) for line in data.get("preamble") or []],
        items=[
            ReadingItem(
                kind=i["kind"],
                text=i["text"],
                period=i.get("period"),
                responsible=i.get("responsible"),
                line=i.get("line"),
            )
            for i in data.get("items") or []
        ],
        citations=[
            Citation(
                kind=c["kind"],
                number=c["number"],
                number_year=c.get("number_year"),
                symbol=c["symbol"],
                date=_date(c.get("date")),
                issuer=c.get("issuer"),
                aliases=list(c.get("aliases") or []),
            )
            for c in data.get("citations") or []
        ],
        recipients=list(data.get("recipients") or []),
        signer=Signer(
            capacity=signer.get("capacity"),
            title=signer.get("title"),
            position=signer.get("position"),
            name=signer.get("name"),
        ),
        anniversaries=[
            Anniversary(what=a["what"], ordinal=a["ordinal"], base_year=a.get("base_year"))
            for a in data.get("anniversaries") or []
        ],
        warnings=list(data.get("warnings") or []),
    )
