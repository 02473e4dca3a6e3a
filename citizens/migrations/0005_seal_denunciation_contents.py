"""Seal the content of existing denunciations (``Petition.sealed_content``, and the
reception register's ``Visit.sealed_content``), give them the neutral summary until their
handler writes one, and fill ``next_due`` for every petition."""

from django.db import migrations

PENDING = "Đơn tố cáo – nội dung được bảo mật, chưa có tóm tắt."


def forwards(apps, schema_editor):
    from citizens.crypto import seal
    from citizens.deadlines import compute, next_open
    from dvcq.text import fold

    Petition = apps.get_model("citizens", "Petition")
    for petition in Petition.objects.filter(case_type="denunciation").exclude(content=""):
        summary = petition.summary.strip() or PENDING
        Petition.objects.filter(pk=petition.pk).update(
            sealed_content=seal({"content": petition.content}),
            content="",
            summary=summary,
            content_fold=fold(summary),
        )
    Visit = apps.get_model("citizens", "Visit")
    for visit in Visit.objects.filter(case_type="denunciation").exclude(content=""):
        Visit.objects.filter(pk=visit.pk).update(
            sealed_content=seal({"content": visit.content}), content=""
        )
    for petition in Petition.objects.exclude(status="closed").iterator():
        upcoming = next_open(compute(petition))
        if upcoming is not None:
            Petition.objects.filter(pk=petition.pk).update(next_due=upcoming.due)


def backwards(apps, schema_editor):
    from citizens.crypto import unseal
    from dvcq.text import fold

    Visit = apps.get_model("citizens", "Visit")
    for visit in Visit.objects.exclude(sealed_content=""):
        content = unseal(visit.sealed_content).get("content", "")
        Visit.objects.filter(pk=visit.pk).update(content=content, sealed_content="")
    Petition = apps.get_model("citizens", "Petition")
    for petition in Petition.objects.exclude(sealed_content=""):
        content = unseal(petition.sealed_content).get("content", "")
        Petition.objects.filter(pk=petition.pk).update(
            content=content, sealed_content="", content_fold=fold(content)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0004_petition_content_sealed_letters"),
        ("followup", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
