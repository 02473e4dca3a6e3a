"""Long imports run by ``dvcq worker``: many program files uploaded at once.

The upload view saves the files under ``DATA_DIR/imports/<job folder>/`` and queues
``documents.import_many`` with the unit and the file names; the job reads each file, creates
or updates that year's program (``programs.revisions.apply_reading``) and reports its progress,
so the clerk follows it on the job's page. A file that cannot be read is listed, not fatal.
A file that would update a program the unit already has is not applied unseen: it waits on
the review screen (an ``ImportDraft``), where the clerk sees and chooses what changes.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.importing import ImportFileError, parse_program_file, read_source, require_tasks
from jobs import registry


def upload_folder(name: str) -> Path:
    return Path(settings.DATA_DIR) / "imports" / name


@registry.job("documents.import_many", label=_("Nhập nhiều văn bản chương trình"))
def import_many(ctx) -> dict:
    from programs.models import Program
    from programs.revisions import apply_reading
    from units.models import Unit

    payload = ctx.payload
    unit = Unit.objects.get(pk=payload["unit"])
    folder = upload_folder(payload["folder"])
    done, failures = [], []
    files = payload["files"]
    for index, name in enumerate(files, start=1):
        path = folder / name
        try:
            data = path.read_bytes()
            reading = parse_program_file(name, data)
            existing = Program.objects.filter(unit=unit, year=reading.year).exists()
            if existing and ctx.job.created_by_id:
                draft = _hold_for_review(unit, ctx.job.created_by, name, data, reading)
                done.append(
                    f"{name}: "
                    + _("Chương trình năm %(year)s đã có: bản cập nhật chờ rà soát tại %(url)s")
                    % {
                        "year": reading.year,
                        "url": reverse("documents:import_review", args=[draft.pk]),
                    }
                )
                ctx.progress(100 * index // len(files), name)
                continue
            require_tasks(name, reading)
            report = apply_reading(unit=unit, reading=reading, source_name=name)
            done.append(f"{name}: " + report.lines()[0])
        except (ImportFileError, ValidationError, OSError) as exc:
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            failures.append(f"{name}: {message}")
        ctx.progress(100 * index // len(files), name)
    shutil.rmtree(folder, ignore_errors=True)
    return {"done": done, "failures": failures}


def _hold_for_review(unit, user, name: str, data: bytes, reading):
    import unicodedata

    from documents.models import ImportDraft

    return ImportDraft.objects.create(
        unit=unit,
        uploaded_by=user,
        filename=name[:255],
        source_text=unicodedata.normalize("NFC", read_source(name, data)),
        reading=dict(reading.to_dict(), preamble=reading.preamble),
    )
