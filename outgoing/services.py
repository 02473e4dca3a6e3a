"""Numbers from the outgoing register, each handed out once, and the issuing of a program.

``next_number`` is the only place a number is taken. It runs in the caller's transaction:
if anything after it fails, the number goes back with the rollback, so the series has no gap
and no number is given twice.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from outgoing import doctypes
from outgoing.models import IssuedDocument, Numbering, Register, Series
from programs.models import Program
from programs.services import update_program_document


def register_for(unit) -> Register:
    """The unit's register settings; an unsaved one with the defaults when none is set."""
    return Register.objects.filter(unit=unit).first() or Register(unit=unit)


def has_number(number_symbol: str) -> bool:
    """True for "05/CTr-BCĐ", False for a draft's "/CTr-BCĐ" or an empty value."""
    return number_symbol.strip()[:1].isdigit()


def _take(unit, doc_type: str, day: datetime.date) -> tuple[Series, int]:
    register = register_for(unit)
    key = doctypes.canonical(doc_type) if register.numbering == Numbering.PER_TYPE else ""
    # INSERT … ON CONFLICT DO NOTHING: two clerks opening the year's series at the same
    # moment both go on; exactly one row exists afterwards.
    Series.objects.bulk_create(
        [Series(unit=unit, year=day.year, doc_type=key)], ignore_conflicts=True
    )
    # SELECT … FOR UPDATE: a second clerk waits here until the first one's transaction ends,
    # then reads the number the first one took.
    series = Series.objects.select_for_update().get(unit=unit, year=day.year, doc_type=key)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series, series.last_number


@transaction.atomic
def next_number(unit, doc_type: str, day: datetime.date) -> int:
    """The next number of the series ``doc_type`` falls in for ``day``'s year (numbers start
    again at 1 on 1 January). Raises ``ValidationError`` for a type the decree does not know."""
    return _take(unit, doc_type, day)[1]


@transaction.atomic
def issue_document(
    *,
    unit,
    doc_type: str,
    day: datetime.date,
    summary: str,
    actor=None,
    program: Program | None = None,
    signer: str = "",
    recipients=(),
    issuer_code: str = "",
) -> IssuedDocument:
    """Take the next number and write the register's line for it: the one path every
    numbered document of a unit takes (programs, urging letters, petition letters).

    The code is the type's abbreviation and the issuer's ("05/CTr-BCĐ"); ``issuer_code``
    names an issuer other than the register's own (the People's Committee's "UBND" on a
    petition letter: "05/TB-UBND"). A number and code already given this year (after a
    change of numbering in mid-year) is refused, and the number taken goes back.
    """
    register = register_for(unit)
    doc_type = doctypes.canonical(doc_type)
    series, number = _take(unit, doc_type, day)
    code = doctypes.code_for(doc_type, issuer_code or register.issuer_code, register.drafting_code)
    number_symbol = doctypes.number_symbol(number, code)
    if IssuedDocument.objects.filter(
        unit=unit, year=day.year, number_symbol=number_symbol
    ).exists():
        raise ValidationError(
            _(
                "Số, ký hiệu %(symbol)s đã được cấp trong năm %(year)s; "
                "hãy kiểm tra cách đánh số của sổ văn bản đi."
            )
            % {"symbol": number_symbol, "year": day.year}
        )
    document = IssuedDocument.objects.create(
        unit=unit,
        series=series,
        year=day.year,
        number=number,
        number_symbol=number_symbol,
        issued_on=day,
        doc_type=doc_type,
        summary=summary[:400],
        signer=signer,
        recipients=list(recipients),
        program=program,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record(
        actor=actor,
        unit=unit,
        target=document,
        verb="create",
        summary=_("Cấp số %(symbol)s ngày %(day)s: %(summary)s")
        % {"symbol": number_symbol, "day": day.strftime("%d/%m/%Y"), "summary": summary},
    )
    return document


@transaction.atomic
def issue_program(*, program: Program, actor, day: datetime.date) -> IssuedDocument:
    """Give a program its number from the register and record it as issued on ``day``.

    1. Lock the program, so two clerks pressing "issue" at once do not number it twice.
    2. Refuse a program that already has a number.
    3. Take the number, write the register's line, and set the program's number and date
       through ``update_program_document`` (which checks the date and records the change).
       Any refusal rolls the whole of it back: the number is not used up.
    """
    locked = (
        Program.objects.select_for_update(of=("self",)).select_related("unit").get(pk=program.pk)
    )
    if has_number(locked.number_symbol) or locked.issued_documents.exists():
        raise ValidationError(
            _("Chương trình đã có số %(symbol)s; không cấp số lại.")
            % {"symbol": locked.number_symbol or "…"}
        )
    document = issue_document(
        unit=locked.unit,
        doc_type=locked.doc_type,
        day=day,
        summary=f"{locked.doc_type} {locked.title}",
        actor=actor,
        program=locked,
        signer=locked.signer_name,
        recipients=locked.recipients,
    )
    update_program_document(
        program=locked, actor=actor, number_symbol=document.number_symbol, issued_on=day
    )
    program.number_symbol = locked.number_symbol
    program.issued_on = locked.issued_on
    return document
