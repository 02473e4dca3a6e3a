"""Many files at once: queued, imported by the worker, progress and failures on the job page."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jobs.models import Job
from programs.models import Program

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"


def test_the_worker_imports_the_uploaded_files(client, clerk, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(clerk)
    text = SEED.read_text("utf-8")
    files = [
        SimpleUploadedFile("2023.txt", text.encode()),
        SimpleUploadedFile("2024.txt", text.replace("2023", "2024").encode()),
        SimpleUploadedFile("hong.txt", b""),
    ]
    response = client.post(reverse("documents:import_many"), {"files": files})
    job = Job.objects.get(kind="documents.import_many")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert not Program.objects.exists()

    call_command("worker", "--once")

    job.refresh_from_db()
    assert sorted(Program.objects.values_list("year", flat=True)) == [2023, 2024]
    assert len(job.result["done"]) == 2 and len(job.result["failures"]) == 1
    assert "hong.txt" in job.result["failures"][0]
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "100" in page
    assert not (tmp_path / "imports" / job.payload["folder"]).exists()


def test_only_managers_queue_imports_and_empty_uploads_are_refused(client, clerk, viewer):
    client.force_login(viewer)
    assert client.get(reverse("documents:import_many")).status_code == 404
    client.force_login(clerk)
    response = client.post(reverse("documents:import_many"), {})
    assert response.status_code == 400
    assert "Vui lòng chọn ít nhất một tệp" in response.content.decode()
    assert not Job.objects.exists()
