"""Scope, ranking, filters, pagination, highlighting and bad input on the search page."""

import datetime

import pytest
from django.urls import reverse

from conftest import make_program
from programs.models import Task, TaskKind
from search.models import Kind
from search.query import MAX_LENGTH, parse
from search.services import PAGE_SIZE, search
from search.tests.conftest import find, receive


def posted(client, data):
    """The search page as its form sends it: posted, then the redirect followed."""
    return client.post(reverse("search:search"), data, follow=True)


def test_another_communes_objects_never_appear(
    commune, other_commune, clerk, charlie, program, other_program, activity, charlie_viewer
):
    petition = receive(commune, clerk, content="Phản ánh ô nhiễm môi trường chuồng trại")
    mine = {pk for kind, pk in find(clerk, "nhiem vu tuyen truyen") if kind == Kind.TASK}
    assert mine == set(program.tasks.values_list("pk", flat=True))
    theirs = {pk for kind, pk in find(charlie, "nhiem vu tuyen truyen") if kind == Kind.TASK}
    assert theirs == set(other_program.tasks.values_list("pk", flat=True))
    for user in (charlie, charlie_viewer):
        for query in ("thuy loi", "o nhiem moi truong", "nhiem vu", "dvcq", "pham van nam"):
            units = {e.unit_id for e in search(user, parse(query)).entries}
            assert commune.pk not in units, query
    assert find(clerk, "o nhiem moi truong")[0] == (Kind.PETITION, petition.pk)


def test_province_sees_its_communes(province_viewer, program, other_program):
    found = {pk for kind, pk in find(province_viewer, "nhiem vu") if kind == Kind.PROGRAM}
    assert found == set()  # programs are not titled "nhiệm vụ"
    tasks = [pk for kind, pk in find(province_viewer, "nhiem vu tuyen truyen") if kind == Kind.TASK]
    assert len(tasks) == 6


def test_unit_filter_outside_scope_is_an_error_not_a_leak(client, charlie, commune, program):
    client.force_login(charlie)
    response = posted(client, {"q": "nhiem vu", "unit": commune.pk})
    assert response.status_code == 200
    assert "Nhiệm vụ số 1" not in response.content.decode()


def test_ranking_phrase_then_all_words_then_partial(commune, clerk):
    program = make_program(commune, tasks=0)
    texts = {
        "partial": "Vận động nhân dân tham gia",
        "all": "Xây dựng chính quyền gắn với công tác dân, vận động",
        "phrase": "Đẩy mạnh công tác dân vận của chính quyền",
    }
    ids = {}
    for key, text in texts.items():
        ids[key] = Task.objects.create(
            program=program, kind=TaskKind.FOCUS, text=text, due_date=datetime.date(2023, 12, 31)
        ).pk
    found = [pk for kind, pk in find(clerk, "dân vận") if kind == Kind.TASK]
    assert found == [ids["phrase"], ids["all"], ids["partial"]]


def test_filters_kind_year_status(commune, clerk, program):
    make_program(commune, year=2024)
    task = program.tasks.get(position=1)
    task.status = "in_progress"
    task.save()
    assert {k for k, _ in find(clerk, "tuyen truyen", kind="task")} == {Kind.TASK}
    assert len(find(clerk, "tuyen truyen", kind="task", year=2024)) == 3
    assert find(clerk, "tuyen truyen", status="in_progress") == [(Kind.TASK, task.pk)]


def test_page_highlights_and_paginates(client, clerk, commune):
    program = make_program(commune, tasks=0)
    for n in range(PAGE_SIZE + 5):
        Task.objects.create(
            program=program,
            kind=TaskKind.FOCUS,
            text=f"Hòa giải ở cơ sở đợt {n}",
            due_date=datetime.date(2023, 12, 31),
        )
    client.force_login(clerk)
    url = reverse("search:search")
    first = posted(client, {"q": "hoa giai"}).content.decode()
    assert "<mark>Hòa</mark> <mark>giải</mark>" in first
    assert first.count("<li>") == PAGE_SIZE
    assert "page=2" in first
    second = client.get(url, {"tim": "1", "page": "2"}).content.decode()
    assert second.count("<li>") == 5
    assert client.get(url, {"tim": "1", "page": "x"}).status_code == 200
    assert client.get(url, {"tim": "1", "page": "999"}).status_code == 200


def test_xss_in_titles_is_rendered_inert(client, clerk, commune):
    program = make_program(commune, tasks=0)
    Task.objects.create(
        program=program,
        kind=TaskKind.FOCUS,
        due_date=datetime.date(2023, 12, 31),
        text='<script>alert("x")</script> tuyên truyền <img src=x onerror=alert(1)>',
    )
    client.force_login(clerk)
    html = posted(client, {"q": "script tuyen truyen"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<mark>tuyên</mark> <mark>truyền</mark> &lt;img" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Hãy nhập từ cần tìm."),
        ("   ", "Hãy nhập từ cần tìm."),
        ("?!.,;:--//", "chỉ có dấu câu"),
        ("x" * 10_000, "quá dài"),
        ("dân " * (MAX_LENGTH // 5), "quá nhiều từ"),
        ("\u200b\u200b", "chỉ có dấu câu"),
    ],
)
def test_bad_queries_get_a_clear_message(client, clerk, query, message):
    client.force_login(clerk)
    response = posted(client, {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_bad_filters_are_form_errors(client, clerk):
    client.force_login(clerk)
    response = posted(client, {"q": "dân vận", "kind": "x", "year": "abc", "unit": "-1"})
    assert response.status_code == 200


def test_query_syntax_is_plain_text(client, clerk, program):
    client.force_login(clerk)
    for query in (
        '"tuyen',
        "NEAR(tuyen",
        "tuyen* OR",
        "tuyen AND NOT",
        "title_folded:tuyen",
        "tuyen:*A | x",
        "'; DROP TABLE x; --",
        "tuyen <-> truyen",
    ):
        response = posted(client, {"q": query})
        assert response.status_code == 200, query
    assert find(clerk, "NOT tuyen")  # "not" is a word here, not an operator


def test_header_box_submits_to_the_search_page(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("programs:dashboard")).content.decode()
    assert f'action="{reverse("search:search")}"' in html and 'name="q"' in html


def test_anonymous_is_sent_to_login(client, db):
    response = client.post(reverse("search:search"), {"q": "dân vận"})
    assert response.status_code == 302


@pytest.mark.parametrize("window", [1, 2, 3])
def test_a_wide_search_ranks_alike_whichever_rows_it_reads_first(
    monkeypatch, commune, province_viewer, window
):
    """For a unit with sub-units the newest rows are read in id order first (a window of
    50,000 on PostgreSQL); the ranking must not depend on where that window ends."""
    from search import backends

    program = make_program(commune, tasks=0)
    for text in [
        "Đẩy mạnh công tác dân vận của chính quyền",
        "Vận động nhân dân tham gia",
        "Công tác dân, vận động quần chúng",
        "Dân vận khéo ở xóm Thuỷ Lợi",
        "Chăm lo đời sống nhân dân",
    ]:
        Task.objects.create(
            program=program, kind=TaskKind.FOCUS, text=text, due_date=datetime.date(2023, 12, 31)
        )
    for cls in (backends.SQLiteBackend, backends.PostgreSQLBackend):
        monkeypatch.setattr(cls, "window", 0)
    expected = find(province_viewer, "dân vận")
    for cls in (backends.SQLiteBackend, backends.PostgreSQLBackend):
        monkeypatch.setattr(cls, "window", window)
    assert find(province_viewer, "dân vận") == expected
    tasks = [pk for kind, pk in expected if kind == Kind.TASK]
    assert len(tasks) == 5
    first = Task.objects.get(pk=tasks[0])
    assert first.text.startswith(("Dân vận khéo", "Đẩy mạnh công tác dân vận"))
