"""The program page's document card: downloads for whoever sees the program, issuing for the
office and the chair, and nothing for anyone else."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from outgoing.models import IssuedDocument, Series
from outgoing.tests.readers import open_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(client, program, fmt):
    return client.get(reverse("outgoing:program_download", args=[program.pk, fmt]))


def issue(client, program, day="2023-01-05"):
    return client.post(reverse("outgoing:program_issue", args=[program.pk]), {"issued_on": day})


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("who", ["clerk", "viewer", "member_user", "province_viewer"])
def test_whoever_sees_the_program_downloads_it_as_word(client, request, seed_program, who):
    client.force_login(request.getfixturevalue(who))
    response = download(client, seed_program, "docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert 'filename="chuong-trinh-2023-xa-hung-chinh.docx"' in response["Content-Disposition"]
    document = open_docx(b"".join(response.streaming_content))
    assert document.paragraphs[0].text == "CHƯƠNG TRÌNH"


def test_the_pdf_download_is_a_pdf(client, viewer, seed_program):
    client.force_login(viewer)
    response = download(client, seed_program, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_communes_program_is_not_found(client, charlie, seed_program):
    client.force_login(charlie)
    assert download(client, seed_program, "docx").status_code == 404
    assert download(client, seed_program, "pdf").status_code == 404
    assert issue(client, seed_program).status_code == 404
    seed_program.refresh_from_db()
    assert seed_program.number_symbol == "/CTr-BTH"


def test_downloads_need_a_login(client, seed_program):
    response = download(client, seed_program, "docx")
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_unknown_format_is_explained_in_vietnamese(client, viewer, seed_program):
    client.force_login(viewer)
    response = download(client, seed_program, "xlsx")
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:program", args=[seed_program.pk])
    assert texts(response) == ["Không có bản “xlsx” của văn bản; chỉ tải được bản .docx hoặc .pdf."]


@pytest.mark.parametrize("who", ["clerk", "chair"])
def test_the_office_or_the_chair_issues_the_program(client, request, seed_program, who):
    client.force_login(request.getfixturevalue(who))
    response = issue(client, seed_program)
    assert response.status_code == 302
    assert texts(response) == ["Đã cấp số 01/CTr-BCĐ, ngày ban hành 05/01/2023."]
    seed_program.refresh_from_db()
    assert seed_program.number_symbol == "01/CTr-BCĐ"
    assert seed_program.issued_on == datetime.date(2023, 1, 5)
    page = client.get(reverse("programs:program", args=[seed_program.pk]))
    assert "Số: 01/CTr-BCĐ" in page.text
    assert "Đã ban hành: số 01/CTr-BCĐ, ngày 05/01/2023." in page.text
    register = client.get(reverse("outgoing:register"))
    assert "01/CTr-BCĐ" in register.text


@pytest.mark.parametrize("who", ["viewer", "member_user", "province_viewer"])
def test_others_cannot_issue_and_nothing_changes(client, request, seed_program, who):
    client.force_login(request.getfixturevalue(who))
    assert issue(client, seed_program).status_code == 404
    seed_program.refresh_from_db()
    assert (seed_program.number_symbol, seed_program.issued_on) == ("/CTr-BTH", None)
    assert not Series.objects.exists()
    assert not IssuedDocument.objects.exists()


def test_issuing_is_post_only(client, clerk, seed_program):
    client.force_login(clerk)
    response = client.get(reverse("outgoing:program_issue", args=[seed_program.pk]))
    assert response.status_code == 405
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("", "Vui lòng nhập ngày ban hành."),
        ("05/13/2023", "Ngày ban hành không hợp lệ (dd/mm/yyyy)."),
        ("2025-01-02", "Ngày ban hành phải trong năm 2023 hoặc cuối năm trước."),
    ],
)
def test_a_bad_day_is_refused_in_vietnamese_and_uses_no_number(
    client, clerk, seed_program, day, message
):
    client.force_login(clerk)
    response = issue(client, seed_program, day)
    assert texts(response) == [message]
    seed_program.refresh_from_db()
    assert seed_program.number_symbol == "/CTr-BTH"
    assert not IssuedDocument.objects.exists()
    assert not Series.objects.filter(last_number__gt=0).exists()


def test_a_second_issue_is_refused(client, clerk, issued_program):
    client.force_login(clerk)
    response = issue(client, issued_program, "2023-02-01")
    assert texts(response) == ["Chương trình đã có số 01/CTr-BCĐ; không cấp số lại."]
    assert IssuedDocument.objects.count() == 1


def test_the_program_page_offers_downloads_to_all_and_issuing_to_managers(
    client, clerk, viewer, seed_program
):
    url = reverse("programs:program", args=[seed_program.pk])
    issue_url = reverse("outgoing:program_issue", args=[seed_program.pk])
    client.force_login(viewer)
    page = client.get(url).text
    assert reverse("outgoing:program_download", args=[seed_program.pk, "docx"]) in page
    assert reverse("outgoing:program_download", args=[seed_program.pk, "pdf"]) in page
    assert issue_url not in page
    client.force_login(clerk)
    page = client.get(url).text
    assert issue_url in page
    assert "Cấp số và ban hành" in page


def test_the_register_shows_only_what_the_user_may_see(client, charlie, clerk, issued_program):
    client.force_login(charlie)
    page = client.get(reverse("outgoing:register")).text
    assert "01/CTr-BCĐ" not in page
    assert "Chưa có văn bản nào được cấp số." in page
    client.force_login(clerk)
    page = client.get(reverse("outgoing:register")).text
    assert "01/CTr-BCĐ" in page
    assert "05/01/2023" in page
