"""Attachments of a petition, through the intake form as the clerk sends it (multipart POST):
several files are kept; a file that is not what its name says, or too large, is refused with
a Vietnamese message and nothing is saved."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from citizens import services
from citizens.models import Petition
from programs.tests.helpers import docx_bytes, pdf_bytes, png_bytes

# What Windows puts at the start of every program: "MZ", then the DOS stub.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _form(**files):
    day = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "received_on": day.isoformat(),
        "channel": "post",
        "case_type": "complaint",
        "instance": "1",
        "complexity": "normal",
        "competence": "within",
        "content": "Khiếu nại về việc cấp giấy chứng nhận",
        "name_0": "Nguyễn Văn An",
        **files,
    }


def test_several_files_are_kept_with_the_petition(client, clerk):
    client.force_login(clerk)
    files = [
        SimpleUploadedFile("don.pdf", pdf_bytes(), content_type="application/pdf"),
        SimpleUploadedFile("so-do.png", png_bytes(), content_type="image/png"),
        SimpleUploadedFile("bien-ban.docx", docx_bytes(), content_type="application/msword"),
    ]
    response = client.post(reverse("citizens:create"), _form(attachments=files))
    petition = Petition.objects.get()
    assert response.status_code == 302
    kept = {a.name: a for a in petition.attachments.all()}
    assert set(kept) == {"don.pdf", "so-do.png", "bien-ban.docx"}
    assert services.read_attachment(kept["so-do.png"]) == png_bytes()
    page = client.get(response["Location"]).content.decode()
    assert "so-do.png" in page


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_saved(client, clerk):
    client.force_login(clerk)
    files = [
        SimpleUploadedFile("don.pdf", pdf_bytes(), content_type="application/pdf"),
        SimpleUploadedFile("hoa-don.pdf", EXE, content_type="application/pdf"),
    ]
    response = client.post(reverse("citizens:create"), _form(attachments=files))
    assert response.status_code == 200
    assert "Nội dung tệp “hoa-don.pdf” không phải là tệp PDF" in response.content.decode()
    assert not Petition.objects.exists()


def test_an_oversize_file_is_refused_with_the_limit(client, clerk, settings):
    settings.EVIDENCE_MAX_BYTES = 2 * 2**20
    client.force_login(clerk)
    big = pdf_bytes() + b"0" * (2 * 2**20)
    files = [SimpleUploadedFile("ho-so.pdf", big, content_type="application/pdf")]
    response = client.post(reverse("citizens:create"), _form(attachments=files))
    assert "Tệp “ho-so.pdf” quá lớn: tối đa 2 MB." in response.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.parametrize("name", ["don.exe", "don"])
def test_a_file_type_outside_the_list_is_refused(client, clerk, name):
    client.force_login(clerk)
    files = [SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")]
    response = client.post(reverse("citizens:create"), _form(attachments=files))
    assert "chỉ nhận PDF, DOCX, XLSX, JPEG, PNG" in response.content.decode()
    assert not Petition.objects.exists()
