"""The progress page of a background job, for the user who queued it; while the job is not
finished it says so plainly when no worker has been seen for a minute, and what to run."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from jobs.models import Job
from jobs.worker import worker_seen

# Seconds between reloads while the job is not finished (meta refresh without JavaScript,
# htmx polling with it).
POLL_SECONDS = 3


@login_required
def job_detail(request, pk: int):
    job = Job.objects.filter(pk=pk, created_by=request.user).first()
    if job is None:
        raise Http404
    context = {
        "job": job,
        "poll_seconds": POLL_SECONDS,
        "no_worker": not job.is_finished and not worker_seen(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_job_status.html", context)
    return render(request, "jobs/job_detail.html", context)
