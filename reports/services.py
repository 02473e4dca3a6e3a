"""Writes of reports: create, edit the texts, issue (number + frozen snapshot), submit to the
parent and the parent's receive / return / accept. Each validates, runs in one transaction and
records an audit event; a refusal changes nothing.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.services import diff, record
from reminders.models import NoticeKind
from reminders.notify import notify
from reports import sections
from reports.models import TEXT_FIELDS, Report, ReportCitation, ReportFile, ReportKind, ReportStatus
from reports.periods import Period
from units.tree import parent_on

DOC_TYPE = "Báo cáo"
KIND_TITLES = {
    ReportKind.QUARTER: "quý",
    ReportKind.HALF: "6 tháng",
    ReportKind.NINE_MONTHS: "9 tháng",
    ReportKind.YEAR: "năm",
}


def period_for(kind: str, year: int, quarter: int | None = None, start=None, end=None) -> Period:
    """The period a kind of report covers in ``year`` (a custom one takes ``start``/``end``)."""
    if kind == ReportKind.CUSTOM:
        if start is None or end is None:
            raise ValidationError(_("Vui lòng nhập cả ngày bắt đầu và ngày kết thúc."))
        return Period(start, end)
    if kind == ReportKind.QUARTER:
        if quarter not in (1, 2, 3, 4):
            raise ValidationError(_("Vui lòng chọn quý của báo cáo."))
        first = datetime.date(year, 3 * quarter - 2, 1)
        last_month = 3 * quarter
        following = datetime.date(year + (last_month == 12), last_month % 12 + 1, 1)
        return Period(first, following - datetime.timedelta(days=1))
    months = {ReportKind.HALF: 6, ReportKind.NINE_MONTHS: 9, ReportKind.YEAR: 12}[kind]
    following = datetime.date(year + (months == 12), months % 12 + 1, 1)
    return Period(datetime.date(year, 1, 1), following - datetime.timedelta(days=1))


def default_title(kind: str, period: Period) -> str:
    year = period.end.year
    if kind == ReportKind.QUARTER:
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[(period.start.month - 1) // 3 + 1]
        span = f"quý {roman} năm {year}"
    elif kind == ReportKind.YEAR:
        span = f"năm {year}"
    elif kind in KIND_TITLES:
        span = f"{KIND_TITLES[kind]} đầu năm {year}"
    else:
        span = f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"
    return f"Kết quả thực hiện công tác Dân vận chính quyền {span}"


@transaction.atomic
def create_report(*, unit, actor, kind: str, period: Period, title: str = "") -> Report:
    if kind not in ReportKind.values:
        raise ValidationError(_("Loại báo cáo không hợp lệ."))
    report = Report(
        unit=unit,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        title=(title or default_title(kind, period)).strip()[:400],
        created_by=actor if actor is not None and actor.is_authenticated else None,
        recipients=_default_recipients(unit, period.end),
    )
    report.full_clean(exclude=["created_by"])
    report.save()
    record(
        actor=actor,
        unit=unit,
        target=report,
        verb="create",
        summary=_("Tạo dự thảo báo cáo: %(title)s") % {"title": report.title},
    )
    return report


def _default_recipients(unit, day) -> list[str]:
    recipients = []
    parent = parent_on(unit, day)
    if parent is not None:
        recipients.append(f"Ban Chỉ đạo DVCQ {parent.name}")
    recipients.append(f"Thành viên Ban Chỉ đạo {unit.name}")
    return recipients


def live_sections(report: Report, cutoff: datetime.date) -> list[dict]:
    """The sections' figures as of ``cutoff`` (a task finished after it was still open)."""
    return sections.compute(report.unit, Period(report.period_start, report.period_end), cutoff)


def texts_of(report: Report) -> dict:
    return {
        **{name: getattr(report, name) for name in TEXT_FIELDS},
        "remarks": dict(report.remarks),
    }


def content_of(report: Report, today: datetime.date | None = None) -> dict:
    """What the page and the files show: the frozen snapshot of an issued report, else the
    live figures, as of the cut-off the report will be issued with, with the current texts."""
    if report.is_frozen and report.snapshot:
        return report.snapshot
    today = today or timezone.localdate()
    cutoff = report.cutoff_on(today)
    return {
        "sections": live_sections(report, cutoff),
        "texts": texts_of(report),
        "computed_on": today.isoformat(),
        "cutoff": cutoff.isoformat(),
    }


@transaction.atomic
def update_texts(*, report: Report, actor, data: dict) -> Report:
    """Save the clerk's texts (situation, shortcomings, next tasks, per-section remarks,
    signer, recipients) of a draft, and index the documents they cite."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.is_frozen:
        raise ValidationError(_("Báo cáo đã ban hành; không sửa được nội dung."))
    editable = (*TEXT_FIELDS, "title", "signer_capacity", "signer_title", "signer_name")
    before = {
        name: getattr(locked, name) for name in (*editable, "remarks", "recipients", "cutoff")
    }
    if "cutoff" in data:
        locked.cutoff = data["cutoff"]
    for name in editable:
        if name in data:
            setattr(locked, name, (data[name] or "").strip())
    if "remarks" in data:
        locked.remarks = {k: v.strip() for k, v in data["remarks"].items() if v and v.strip()}
    if "recipients" in data:
        locked.recipients = [r.strip() for r in data["recipients"] if r.strip()]
    if not locked.title:
        raise ValidationError(_("Vui lòng nhập trích yếu của báo cáo."))
    locked.full_clean(exclude=["created_by", "issued_document"])
    locked.save()
    after = {name: getattr(locked, name) for name in before}
    changes = diff(before, after)
    if changes:
        record(
            actor=actor,
            unit=locked.unit,
            target=locked,
            verb="update",
            summary=_("Sửa nội dung báo cáo"),
            changes=changes,
        )
    index_citations(locked)
    return locked


def index_citations(report: Report) -> list[ReportCitation]:
    """Replace the report's links to the cited-document registry by what its texts cite."""
    from documents.importing.citations import extract_citations
    from documents.services import document_for

    text = "\n".join([*(getattr(report, n) for n in TEXT_FIELDS), *report.remarks.values()])
    documents = {}
    for citation in extract_citations(text):
        document = document_for(citation)
        documents.setdefault(document.pk, document)
    ReportCitation.objects.filter(report=report).exclude(document_id__in=documents).delete()
    return ReportCitation.objects.bulk_create(
        [ReportCitation(report=report, document=d) for d in documents.values()],
        ignore_conflicts=True,
    )


@transaction.atomic
def issue_report(*, report: Report, actor, day: datetime.date) -> Report:
    """Take a number from the outgoing register (type Báo cáo, code BC-…) and freeze every
    figure and text of the report in its snapshot."""
    from outgoing.services import issue_document

    locked = Report.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    if locked.is_frozen:
        raise ValidationError(
            _("Báo cáo đã có số %(symbol)s; không cấp số lại.") % {"symbol": locked.number_symbol}
        )
    if day < locked.period_start:
        raise ValidationError(_("Ngày ban hành không được trước ngày bắt đầu kỳ báo cáo."))
    cutoff = locked.cutoff_on(day)
    if cutoff > day:
        raise ValidationError(
            _("Số liệu tính đến ngày %(cutoff)s, sau ngày ban hành.")
            % {"cutoff": cutoff.strftime("%d/%m/%Y")}
        )
    document = issue_document(
        unit=locked.unit,
        doc_type=DOC_TYPE,
        day=day,
        summary=f"{DOC_TYPE} {locked.title}",
        actor=actor,
        signer=locked.signer_name,
        recipients=locked.recipients,
    )
    locked.issued_document = document
    locked.number_symbol = document.number_symbol
    locked.issued_on = day
    locked.cutoff = cutoff
    locked.status = ReportStatus.ISSUED
    locked.snapshot = {
        "sections": live_sections(locked, cutoff),
        "texts": texts_of(locked),
        "computed_on": day.isoformat(),
        "cutoff": cutoff.isoformat(),
    }
    locked.save()
    record(
        actor=actor,
        unit=locked.unit,
        target=locked,
        verb="update",
        summary=_("Ban hành báo cáo số %(symbol)s; chốt số liệu")
        % {"symbol": document.number_symbol},
        changes={"tình trạng": [str(ReportStatus.DRAFT.label), str(ReportStatus.ISSUED.label)]},
    )
    report.refresh_from_db()
    return locked


def _managers(unit):
    """The office and chair of ``unit``: who receives a report sent to it, and who is told
    what became of the reports it sent."""
    return User.objects.filter(unit=unit, is_active=True, role__in=(Role.OFFICE, Role.CHAIR))


def _tell(report: Report, users, kind: str, title: str, body: str) -> None:
    """One notice per person per step of the report's way (``reviewed_at`` or
    ``submitted_at`` tells two returns of one report apart)."""
    moment = report.reviewed_at if kind != NoticeKind.REPORT_SUBMITTED else report.submitted_at
    notify(
        users,
        kind=kind,
        key=f"{report.pk}:{moment.isoformat()}",
        title=title,
        body=body,
        url=reverse("reports:detail", args=[report.pk]),
    )


def _transition(report: Report, actor, new_status: str, allowed, refusal: str, **fields):
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "recipient_unit")
        .get(pk=report.pk)
    )
    if locked.status not in allowed:
        raise ValidationError(refusal)
    old = locked.get_status_display()
    locked.status = new_status
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    changes = {"tình trạng": [str(old), str(locked.get_status_display())]}
    if "review_comment" in fields:
        changes["ý kiến"] = ["", fields["review_comment"]]
    record(
        actor=actor,
        unit=locked.unit,
        target=locked,
        verb="update",
        summary=_("Báo cáo %(symbol)s: %(status)s")
        % {"symbol": locked.number_symbol, "status": locked.get_status_display()},
        changes=changes,
    )
    return locked


@transaction.atomic
def submit_report(*, report: Report, actor) -> Report:
    """Send an issued (or returned) report to the parent the unit had on the period's last
    day; its office and chair are notified."""
    recipient = parent_on(report.unit, report.period_end)
    if recipient is None:
        raise ValidationError(_("Đơn vị không có cấp trên để gửi báo cáo."))
    locked = _transition(
        report,
        actor,
        ReportStatus.SUBMITTED,
        (ReportStatus.ISSUED, ReportStatus.RETURNED),
        _("Chỉ gửi được báo cáo đã ban hành (đã cấp số); báo cáo này đang ở tình trạng “%(s)s”.")
        % {"s": report.get_status_display()},
        submitted_at=timezone.now(),
        reviewed_at=None,
        recipient_unit=recipient,
    )
    _tell(
        locked,
        _managers(recipient),
        NoticeKind.REPORT_SUBMITTED,
        _("Báo cáo mới từ %(unit)s") % {"unit": locked.unit.name},
        f"{locked.number_symbol} – {locked.title}",
    )
    return locked


@transaction.atomic
def receive_report(*, report: Report, actor) -> Report:
    return _transition(
        report,
        actor,
        ReportStatus.RECEIVED,
        (ReportStatus.SUBMITTED,),
        _("Chỉ xác nhận đã nhận được báo cáo vừa gửi lên."),
        reviewed_at=timezone.now(),
    )


@transaction.atomic
def return_report(*, report: Report, actor, comment: str) -> Report:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Vui lòng ghi ý kiến khi trả lại báo cáo."))
    locked = _transition(
        report,
        actor,
        ReportStatus.RETURNED,
        (ReportStatus.SUBMITTED, ReportStatus.RECEIVED),
        _("Báo cáo này không ở tình trạng có thể trả lại."),
        review_comment=comment,
        reviewed_at=timezone.now(),
    )
    _tell(
        locked,
        _managers(locked.unit),
        NoticeKind.REPORT_RETURNED,
        _("Báo cáo %(symbol)s bị trả lại") % {"symbol": locked.number_symbol},
        comment,
    )
    return locked


@transaction.atomic
def accept_report(*, report: Report, actor, comment: str = "") -> Report:
    locked = _transition(
        report,
        actor,
        ReportStatus.ACCEPTED,
        (ReportStatus.SUBMITTED, ReportStatus.RECEIVED),
        _("Báo cáo này không ở tình trạng có thể chấp nhận."),
        review_comment=(comment or "").strip(),
        reviewed_at=timezone.now(),
    )
    _tell(
        locked,
        _managers(locked.unit),
        NoticeKind.REPORT_ACCEPTED,
        _("Báo cáo %(symbol)s đã được chấp nhận") % {"symbol": locked.number_symbol},
        locked.review_comment,
    )
    return locked


def save_file(*, report: Report, fmt: str, actor=None, progress=None, on_saved=None) -> ReportFile:
    """Write the report's .docx, .pdf or .xlsx and keep it (what the background job runs).

    The file is written first, outside any transaction (on SQLite a transaction would hold
    the write lock, and every other write would wait, for the whole rendering); the row is
    then inserted in one transaction together with ``on_saved(row)`` (the job marking itself
    done), so a worker killed at any moment leaves either no row, or the row and a finished
    job: never a row whose job runs again and keeps a second copy. ``on_saved`` returning
    False (the job was taken over by another worker) undoes the row."""
    from reports import export

    data, name = export.render(report, fmt, progress=progress)
    with transaction.atomic():
        saved = ReportFile.objects.create(
            report=report,
            fmt=fmt,
            name=name,
            content=data,
            size=len(data),
            from_snapshot=report.is_frozen,
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
        if on_saved is not None and on_saved(saved) is False:
            raise FileNotKept(name)
    return saved


class FileNotKept(Exception):
    """The job writing a file lost its hold on the job; another worker writes the file."""
