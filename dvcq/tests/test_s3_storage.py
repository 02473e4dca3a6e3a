"""Uploaded files in an S3-compatible bucket (``DVCQ_S3_BUCKET``), against moto's S3 server on
a loopback port: the settings built from the environment, uploads through the real views and
services land in the bucket (private, nothing on disk), and come back only through the
permission-checked download views, as attachments."""

import datetime
import runpy
import uuid
from pathlib import Path

import boto3
import pytest
from django.urls import reverse

from citizens import services as citizens_services
from programs.models import Evidence
from programs.tests.helpers import pdf_bytes, pdf_upload

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "settings.py"
KEYS = {"DVCQ_S3_ACCESS_KEY": "dvcq-test-key", "DVCQ_S3_SECRET_KEY": "dvcq-test-secret"}


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """A new private bucket, and ``STORAGES["evidence"]`` as ``dvcq/settings.py`` builds it
    from the DVCQ_S3_* variables; returns (client, bucket name, key prefix)."""
    name = f"dvcq-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="ap-southeast-1",
        aws_access_key_id=KEYS["DVCQ_S3_ACCESS_KEY"],
        aws_secret_access_key=KEYS["DVCQ_S3_SECRET_KEY"],
    )
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
    )
    environment = {
        "DVCQ_DATA_DIR": str(tmp_path / "settings-data"),
        "DVCQ_S3_BUCKET": name,
        "DVCQ_S3_PREFIX": "dvcq",
        "DVCQ_S3_ENDPOINT": s3_endpoint,
        "DVCQ_S3_REGION": "ap-southeast-1",
        "DVCQ_S3_ADDRESSING_STYLE": "path",
        **KEYS,
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    evidence = runpy.run_path(str(SETTINGS_FILE))["STORAGES"]["evidence"]
    assert evidence["BACKEND"] == "dvcq.storage_s3.PrivateS3Storage"
    settings.STORAGES = {**settings.STORAGES, "evidence": evidence}
    return client, name, "dvcq/"


def objects(client, name) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=name, Key=item["Key"])["Body"].read()
        for item in listed
    }


def assert_private(client, name, key):
    """Only the owner's grant: no AllUsers / AuthenticatedUsers group can read it."""
    grants = client.get_object_acl(Bucket=name, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert grants[0]["Grantee"]["Type"] == "CanonicalUser"


def nothing_on_disk(settings) -> bool:
    root = Path(settings.EVIDENCE_ROOT)
    return not root.exists() or not any(path.is_file() for path in root.rglob("*"))


def test_the_folder_is_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("DVCQ_S3_BUCKET", raising=False)
    monkeypatch.setenv("DVCQ_DATA_DIR", str(tmp_path))
    storages = runpy.run_path(str(SETTINGS_FILE))["STORAGES"]
    assert storages["evidence"] == {"BACKEND": "dvcq.storage.EvidenceStorage"}


@pytest.mark.django_db
def test_task_evidence_is_stored_in_the_bucket_and_served_only_through_the_view(
    bucket, settings, client, clerk, viewer, charlie, task
):
    s3, name, prefix = bucket
    client.force_login(clerk)
    response = client.post(
        reverse("programs:task", args=[task.pk]),
        {"status": "in_progress", "progress": 50, "note": "", "evidence": pdf_upload()},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(task=task)

    stored = objects(s3, name)
    assert stored == {prefix + evidence.file.name: pdf_bytes()}
    assert nothing_on_disk(settings)
    assert_private(s3, name, prefix + evidence.file.name)
    with pytest.raises(ValueError, match="no URL"):
        evidence.file.url  # noqa: B018 -- no public or pre-signed link to hand out

    url = reverse("programs:evidence", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="bien-ban.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"

    client.force_login(viewer)
    assert b"".join(client.get(url).streaming_content) == pdf_bytes()
    client.force_login(charlie)
    assert client.get(url).status_code == 404

    s3.delete_object(Bucket=name, Key=prefix + evidence.file.name)
    client.force_login(clerk)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_petition_attachment_is_sealed_in_the_bucket(bucket, settings, client, clerk, charlie):
    s3, name, prefix = bucket
    result = citizens_services.intake(
        unit=clerk.unit,
        actor=clerk,
        data={
            "received_on": datetime.date(2026, 9, 1),
            "channel": "post",
            "case_type": "denunciation",
            "content": "Tố cáo",
        },
        people=[{"name": "Người Tố Cáo"}],
        files=[pdf_upload("don-viet-tay.pdf")],
    )
    attachment = result.petition.attachments.get()

    stored = objects(s3, name)
    assert list(stored) == [f"{prefix}citizens/{attachment.stored_as}"]
    sealed = stored[f"{prefix}citizens/{attachment.stored_as}"]
    assert not sealed.startswith(b"%PDF") and pdf_bytes() not in sealed
    assert nothing_on_disk(settings)

    url = reverse("citizens:attachment", args=[result.petition.pk, attachment.pk])
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == pdf_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="don-viet-tay.pdf"'
    client.force_login(charlie)
    assert client.get(url).status_code == 404
