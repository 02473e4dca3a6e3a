"""A denunciation's content is sealed at rest like the identity: the table holds only the
token and the handler's summary; the content is shown to the assigned handlers, others see
the summary; existing rows are sealed by the migration."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from citizens.models import Petition
from citizens.tests.conftest import receive
from conftest import make_user

SECRET_WORDS = "nhận tiền"


def raw_row(pk) -> str:
    """Every text column of the petition as the database stores it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content, sealed_content, summary, content_fold, names_fold "
            "FROM citizens_petition WHERE id = %s",
            [pk],
        )
        return " | ".join(str(value) for value in cursor.fetchone())


@pytest.mark.django_db
def test_the_table_does_not_hold_the_denunciation_content(denunciation):
    stored = raw_row(denunciation.pk)
    assert SECRET_WORDS not in stored and "nhan tien" not in stored
    assert "Lê Thị Bí Mật" not in stored
    assert "sai phạm khi làm thủ tục đất đai" in stored  # the summary, in the clear
    assert Petition.objects.get(pk=denunciation.pk).full_content().startswith("Tố cáo cán bộ")


@pytest.mark.django_db
def test_handlers_read_the_content_and_others_the_summary(client, commune, clerk, denunciation):
    client.force_login(clerk)
    page = client.get(reverse("citizens:detail", args=[denunciation.pk])).content.decode()
    assert SECRET_WORDS in page
    listed = client.get(reverse("citizens:list")).content.decode()
    assert SECRET_WORDS not in listed and "sai phạm khi làm thủ tục" in listed
    verifier = make_user("xac-minh", commune, Role.MEMBER)
    client.force_login(verifier)
    page = client.get(reverse("citizens:detail", args=[denunciation.pk])).content.decode()
    assert SECRET_WORDS not in page and "sai phạm khi làm thủ tục đất đai" in page


@pytest.mark.django_db
def test_a_denunciation_form_without_summary_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("citizens:create"),
        {
            "received_on": "2026-08-03",
            "channel": "post",
            "case_type": "denunciation",
            "instance": 1,
            "complexity": "normal",
            "competence": "within",
            "content": "Tố cáo cán bộ nhận tiền",
            "name_0": "Người Tố Cáo",
        },
    )
    assert response.status_code == 200
    assert "phải có tóm tắt nội dung" in response.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.django_db
def test_the_handler_rewrites_the_summary(client, clerk, denunciation):
    client.force_login(clerk)
    client.post(
        reverse("citizens:summary", args=[denunciation.pk]), {"summary": "Tố cáo về thủ tục"}
    )
    stored = raw_row(denunciation.pk)
    assert "to cao ve thu tuc" in stored and SECRET_WORDS not in stored
    assert Petition.objects.get(pk=denunciation.pk).full_content().startswith("Tố cáo cán bộ")


@pytest.mark.django_db
def test_the_migration_seals_existing_denunciations(commune, clerk):
    petition = receive(
        commune,
        clerk,
        day=datetime.date(2026, 8, 3),
        case_type="denunciation",
        content="Tố cáo trưởng thôn nhận tiền hỗ trợ",
    ).petition
    complaint = receive(commune, clerk, day=datetime.date(2026, 8, 3)).petition
    # A row as it was stored before the migration: the content in the clear.
    Petition.objects.filter(pk=petition.pk).update(
        content="Tố cáo trưởng thôn nhận tiền hỗ trợ",
        sealed_content="",
        summary="",
        content_fold="to cao truong thon nhan tien ho tro",
        next_due=None,
    )
    assert SECRET_WORDS in raw_row(petition.pk)
    migration = importlib.import_module("citizens.migrations.0005_seal_denunciation_contents")
    migration.forwards(apps, None)
    stored = raw_row(petition.pk)
    assert SECRET_WORDS not in stored and "nhan tien" not in stored
    sealed = Petition.objects.get(pk=petition.pk)
    assert sealed.full_content() == "Tố cáo trưởng thôn nhận tiền hỗ trợ"
    assert sealed.summary == migration.PENDING
    assert sealed.next_due is not None
    assert Petition.objects.get(pk=complaint.pk).content.startswith("Khiếu nại")


@pytest.mark.django_db
def test_a_denunciation_in_the_reception_register_is_sealed_too(client, commune, clerk):
    from citizens import services
    from citizens.models import Visit

    visit, opened = services.record_visit(
        unit=commune,
        actor=clerk,
        data={
            "date": datetime.date(2026, 8, 3),
            "name": "Người Tố Cáo Trực Tiếp",
            "content": "Tố cáo cán bộ nhận tiền làm sổ đỏ",
            "case_type": "denunciation",
            "within_competence": True,
        },
        open_petition=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content, sealed_content FROM citizens_visit WHERE id = %s", [visit.pk]
        )
        stored = " | ".join(cursor.fetchone())
    assert SECRET_WORDS not in stored and SECRET_WORDS not in raw_row(opened.petition.pk)
    assert Visit.objects.get(pk=visit.pk).full_content() == "Tố cáo cán bộ nhận tiền làm sổ đỏ"
    client.force_login(clerk)
    register = client.get(reverse("citizens:register"), {"year": 2026}).content.decode()
    assert SECRET_WORDS not in register and "Người Tố Cáo Trực Tiếp" not in register
    # The migration seals rows stored in the clear before it.
    Visit.objects.filter(pk=visit.pk).update(content="Tố cáo cán bộ nhận tiền", sealed_content="")
    importlib.import_module("citizens.migrations.0005_seal_denunciation_contents").forwards(
        apps, None
    )
    sealed = Visit.objects.get(pk=visit.pk)
    assert sealed.content == "" and sealed.full_content() == "Tố cáo cán bộ nhận tiền"
