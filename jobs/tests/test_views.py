"""The progress page of a job: its owner sees it, reloading without JavaScript."""

from django.urls import reverse

from jobs.queue import DatabaseQueue, enqueue


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
