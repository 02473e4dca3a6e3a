"""The report's files made by ``dvcq worker``: ``reports.generate_file`` writes the .docx,
.pdf or .xlsx of one report and keeps it; the job's page shows the progress."""

from django.utils.translation import gettext_lazy as _

from jobs import registry


@registry.job("reports.generate_file", label=_("Tạo tệp báo cáo"))
def generate_file(ctx) -> dict:
    from accounts.models import User
    from reports import services
    from reports.models import Report

    report = Report.objects.select_related("unit").get(pk=ctx.payload["report"])
    ctx.progress(10, report.title)
    actor = User.objects.filter(pk=ctx.job.created_by_id).first()

    def result_of(saved) -> dict:
        return {"tệp": saved.name, "dung lượng": saved.size, "báo cáo": report.pk}

    # The file's row and the job's "done" commit in one transaction: a worker killed just
    # after keeping the file cannot leave a job that runs again and keeps a second copy.
    saved = services.save_file(
        report=report,
        fmt=ctx.payload["fmt"],
        actor=actor,
        progress=ctx.progress,
        on_saved=lambda saved: ctx.queue.complete(ctx.job, result_of(saved)),
    )
    return result_of(saved)
