"""The progress page of a job: its owner sees it, reloading without JavaScript, and is told
when no worker is running to do it."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from jobs.models import WorkerHeartbeat
from jobs.queue import DatabaseQueue, enqueue
from jobs.worker import JobContext, Worker, worker_seen

HOUR = datetime.timedelta(hours=1)


def test_owner_sees_progress_and_the_page_reloads_itself(client, clerk):
    job = enqueue("tests.count_to", {"n": 4}, user=clerk)
    queue = DatabaseQueue()
    claimed = queue.claim("w")
    queue.progress(claimed, 50, "2/4")
    client.force_login(clerk)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Đếm thử" in page
    assert "Đang chạy" in page
    assert 'value="50"' in page
    assert "2/4" in page
    assert 'http-equiv="refresh"' in page

    queue.complete(claimed, {"counted": 4})
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Hoàn thành" in page
    assert "<dt>Kết quả khác</dt><dd>4</dd>" in page and "counted" not in page
    assert 'http-equiv="refresh"' not in page


def test_htmx_gets_only_the_status_block(client, clerk):
    job = enqueue("tests.count_to", {"n": 1}, user=clerk)
    client.force_login(clerk)
    html = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"})
    assert html.content.decode().lstrip().startswith("<section")
    assert 'hx-trigger="every 3s"' in html.content.decode()


def test_other_users_get_404(client, clerk, chair):
    job = enqueue("tests.count_to", {"n": 1}, user=clerk)
    client.force_login(chair)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 302


NO_WORKER = "Chưa thấy tiến trình nền nào trong 1 phút qua; chạy: <code>dvcq worker</code>"


def test_a_waiting_job_says_plainly_that_no_worker_runs_and_what_to_run(client, clerk):
    job = enqueue("tests.count_to", {"n": 2}, user=clerk)
    client.force_login(clerk)
    url = reverse("jobs:detail", args=[job.pk])
    assert NO_WORKER in client.get(url).content.decode()
    # The htmx block that replaces the status every few seconds says it too.
    assert NO_WORKER in client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_a_worker_seen_within_the_minute_silences_the_message(client, clerk):
    job = enqueue("tests.count_to", {"n": 2}, user=clerk, run_at=timezone.now() + HOUR)
    client.force_login(clerk)
    url = reverse("jobs:detail", args=[job.pk])
    Worker(worker_id="demo:1").run_round()  # a round of a running worker; the job is not due
    assert WorkerHeartbeat.objects.filter(worker_id="demo:1").exists()
    assert NO_WORKER not in client.get(url).content.decode()

    # The worker stops: 61 seconds later the page says so again.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        assert NO_WORKER in client.get(url).content.decode()


def test_a_finished_job_does_not_ask_for_a_worker(client, clerk):
    job = enqueue("tests.count_to", {"n": 1}, user=clerk)
    queue = DatabaseQueue()
    queue.complete(queue.claim("w"), {"counted": 1})
    client.force_login(clerk)
    assert NO_WORKER not in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def test_a_long_job_reporting_progress_keeps_its_worker_seen(clerk):
    enqueue("tests.count_to", {"n": 3}, user=clerk)
    queue = DatabaseQueue()
    claimed = queue.claim("w:7")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        JobContext(claimed, queue).progress(50, "1/2")
        assert worker_seen()


def test_an_import_result_reads_in_words_not_as_python_values(client, clerk):
    job = enqueue("tests.count_to", {"n": 1}, user=clerk)
    queue = DatabaseQueue()
    queue.complete(queue.claim("w"), {"done": [], "failures": ["hong.txt: Tệp hỏng."]})
    client.force_login(clerk)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "<dt>Đã xử lý</dt><dd>không có</dd>" in page
    assert "<dt>Không xử lý được</dt>" in page and "<li>hong.txt: Tệp hỏng.</li>" in page
    for raw in ("done:", "failures", "[]", "[&#x27;"):
        assert raw not in page
