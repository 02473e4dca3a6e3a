"""Pages of outgoing documents: a program's .docx and .pdf, its issuing, the register.

Downloads are for anyone who may see the program; issuing is for the office and the chair
of its unit. Anything else is a 404, as everywhere in DVCQ.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_visible_or_404, manages_unit, scoped
from outgoing import services
from outgoing.content import file_stem
from outgoing.export_docx import DOCX_CONTENT_TYPE, program_docx
from outgoing.export_pdf import PDF_CONTENT_TYPE, program_pdf
from outgoing.forms import IssueForm
from outgoing.models import IssuedDocument
from programs.models import Program

FORMATS = {
    "docx": (program_docx, DOCX_CONTENT_TYPE),
    "pdf": (program_pdf, PDF_CONTENT_TYPE),
}
DOCUMENTS_PER_PAGE = 50


def _program_for(request, pk: int) -> Program:
    return get_visible_or_404(Program.objects.select_related("unit"), request.user, pk=pk)


@login_required
@require_safe
def program_download(request, pk: int, fmt: str):
    program = _program_for(request, pk)
    if fmt not in FORMATS:
        messages.error(
            request,
            _("Không có bản “%(fmt)s” của văn bản; chỉ tải được bản .docx hoặc .pdf.")
            % {"fmt": fmt},
        )
        return redirect("programs:program", pk=program.pk)
    write, content_type = FORMATS[fmt]
    return FileResponse(
        io.BytesIO(write(program)),
        as_attachment=True,
        filename=f"{file_stem(program)}.{fmt}",
        content_type=content_type,
    )


@login_required
@require_POST
def program_issue(request, pk: int):
    program = _program_for(request, pk)
    if not manages_unit(request.user, program.unit):
        raise Http404
    form = IssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("programs:program", pk=program.pk)
    day = form.cleaned_data["issued_on"]
    try:
        document = services.issue_program(program=program, actor=request.user, day=day)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã cấp số %(symbol)s, ngày ban hành %(day)s.")
            % {"symbol": document.number_symbol, "day": day.strftime("%d/%m/%Y")},
        )
    return redirect("programs:program", pk=program.pk)


@login_required
@require_safe
def register(request):
    """The outgoing register of the units the user may see, newest first."""
    documents = scoped(
        IssuedDocument.objects.select_related("unit", "issued_by", "program"), request.user
    ).order_by("-year", "unit__name", "-number", "-id")
    page = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    own = services.register_for(request.user.unit) if request.user.unit_id else None
    return render(request, "outgoing/register.html", {"page": page, "register_settings": own})
