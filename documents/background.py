"""Long imports run by ``dvcq worker``: many program files uploaded at once.

The upload view saves the files under ``DATA_DIR/imports/<job folder>/`` and queues
``documents.import_many`` with the unit and the file names; the job reads each file, creates
or updates that year's program (``programs.revisions.apply_reading``) and reports its progress,
so the clerk follows it on the job's page. A file that cannot be read is listed, not fatal.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.importing import ImportFileError, parse_program_file, require_tasks
from jobs import registry


def upload_folder(name: str) -> Path:
    return Path(settings.DATA_DIR) / "imports" / name


@registry.job("documents.import_many", label=_("Nhập nhiều văn bản chương trình"))
def import_many(ctx) -> dict:
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
            require_tasks(name, reading)
            report = apply_reading(unit=unit, reading=reading, source_name=name)
            done.append(f"{name}: " + report.lines()[0])
        except (ImportFileError, ValidationError, OSError) as exc:
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            failures.append(f"{name}: {message}")
        ctx.progress(100 * index // len(files), name)
    shutil.rmtree(folder, ignore_errors=True)
    return {"done": done, "failures": failures}
