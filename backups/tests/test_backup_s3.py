"""``dvcq backup`` / ``dvcq restore`` when the uploads are in an S3-compatible bucket
(``DVCQ_S3_BUCKET``), against moto's S3 server on a loopback port: the backup holds every
object of the bucket's prefix with its checksum, and a restore makes the prefix identical to
the backup again (missing objects back, changed ones overwritten, stray ones gone). A backup
of a folder installation restores into a bucket installation."""

import hashlib
import json
import os
import shutil
import uuid

import boto3
import pytest

from backups.tests.helpers import Installation, pg_url, recreate_pg_database

PG_DB = "dvcq_backup_s3_test"
PREFIX = "dvcq/"
REGION = "ap-southeast-1"
KEYS = {"DVCQ_S3_ACCESS_KEY": "dvcq-test-key", "DVCQ_S3_SECRET_KEY": "dvcq-test-secret"}


@pytest.fixture
def s3(s3_endpoint):
    """A boto3 client of the moto server; ``s3.new_bucket()`` makes an empty private bucket."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["DVCQ_S3_ACCESS_KEY"],
        aws_secret_access_key=KEYS["DVCQ_S3_SECRET_KEY"],
    )

    def new_bucket() -> str:
        name = f"dvcq-{uuid.uuid4().hex[:12]}"
        client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
        return name

    client.new_bucket = new_bucket
    client.endpoint = s3_endpoint
    return client


def in_bucket(inst: Installation, s3, bucket: str) -> Installation:
    """``inst`` with its uploads in ``bucket`` under ``PREFIX``, as an operator sets it."""
    inst.env.update(
        {
            "DVCQ_S3_BUCKET": bucket,
            "DVCQ_S3_PREFIX": PREFIX.rstrip("/"),
            "DVCQ_S3_ENDPOINT": s3.endpoint,
            "DVCQ_S3_REGION": REGION,
            "DVCQ_S3_ADDRESSING_STYLE": "path",
            **KEYS,
        }
    )
    return inst


def objects(s3, bucket: str) -> dict[str, bytes]:
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read() for item in listed
    }


def under_prefix(stored: dict[str, bytes]) -> dict[str, bytes]:
    return {key[len(PREFIX) :]: data for key, data in stored.items() if key.startswith(PREFIX)}


def assert_private(s3, bucket: str, key: str) -> None:
    grants = s3.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]


def local_files(inst: Installation) -> dict[str, bytes]:
    root = inst.evidence
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def seed(inst: Installation) -> None:
    """Migrate and load the demo: its task evidence is uploaded through the real services."""
    inst.migrate()
    inst.run("load-demo")


@pytest.fixture
def sqlite_site(tmp_path):
    def make(name: str) -> Installation:
        folder = tmp_path / name
        return Installation(folder, f"sqlite:///{folder / 'dvcq.sqlite3'}")

    return make


def _bucket_round_trip(inst: Installation, s3, bucket: str, backup) -> None:
    seed(inst)
    # An object no row refers to (left by hand or by an older version) is data too.
    stray_by_hand = os.urandom(70_000)
    s3.put_object(Bucket=bucket, Key=f"{PREFIX}9/2024/anh.bin", Body=stray_by_hand)
    # Outside the storage's prefix: not the app's, a restore leaves it alone.
    s3.put_object(Bucket=bucket, Key="other-app/keep.txt", Body=b"not ours")
    before = under_prefix(objects(s3, bucket))
    assert len(before) >= 3 and before["9/2024/anh.bin"] == stray_by_hand
    assert any(name.endswith(".pdf") for name in before)
    assert local_files(inst) == {}, "with S3 nothing is written to the evidence folder"
    rows = inst.rows()

    out = inst.run("backup", "--output", str(backup)).stdout
    assert "Đã sao lưu" in out and "kho S3" in out
    manifest = json.loads((backup / "manifest.json").read_text("utf-8"))
    assert manifest["evidence_storage"] == "s3"
    assert "evidence" in manifest["roots"]
    for name, data in before.items():
        copy = backup / "files" / "evidence" / name
        assert copy.read_bytes() == data
        listed = manifest["files"][f"files/evidence/{name}"]
        assert listed == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    assert not any(name.startswith("files/evidence/other-app") for name in manifest["files"])
    assert len([f for f in manifest["files"] if f.startswith("files/evidence/")]) == len(before)

    # After the backup: one object lost, one overwritten, one stray added, all rows gone.
    lost, changed = sorted(name for name in before if name.endswith(".pdf"))[:2]
    s3.delete_object(Bucket=bucket, Key=PREFIX + lost)
    s3.put_object(Bucket=bucket, Key=PREFIX + changed, Body=b"%PDF-1.4 sua sau sao luu")
    s3.put_object(Bucket=bucket, Key=f"{PREFIX}lac/sau-sao-luu.pdf", Body=b"%PDF-1.4 lac")
    inst.run("flush", "--noinput")

    # The rows are gone but the bucket still holds files: --yes is needed.
    done = inst.run("restore", str(backup), check=False)
    assert done.returncode != 0 and "--yes" in done.stderr and "kho S3" in done.stderr
    assert f"{PREFIX}lac/sau-sao-luu.pdf" in objects(s3, bucket)

    out = inst.run("restore", str(backup), "--yes").stdout
    assert "số bản ghi khớp" in out
    stored = objects(s3, bucket)
    assert under_prefix(stored) == before
    assert stored["other-app/keep.txt"] == b"not ours"
    assert_private(s3, bucket, PREFIX + lost)
    assert inst.rows() == rows
    assert local_files(inst) == {}


def test_sqlite_bucket_backup_holds_every_object_and_restore_makes_the_bucket_identical(
    s3, sqlite_site, tmp_path
):
    bucket = s3.new_bucket()
    inst = in_bucket(sqlite_site("site"), s3, bucket)
    _bucket_round_trip(inst, s3, bucket, tmp_path / "backup")


@pytest.mark.postgresql
def test_postgresql_bucket_backup_holds_every_object_and_restore_makes_the_bucket_identical(
    s3, tmp_path
):
    bucket = s3.new_bucket()
    recreate_pg_database(PG_DB)
    try:
        inst = in_bucket(Installation(tmp_path / "site", pg_url(PG_DB)), s3, bucket)
        _bucket_round_trip(inst, s3, bucket, tmp_path / "backup")
    finally:
        recreate_pg_database(PG_DB, drop_only=True)


def test_a_folder_backup_restores_into_a_bucket_and_back(s3, sqlite_site, tmp_path):
    """Moving to S3 (and back): the backup's file layout is the same for both storages."""
    local = sqlite_site("local")
    seed(local)
    files = local_files(local)
    assert len(files) >= 3
    rows = local.rows()
    local.run("backup", "--output", str(tmp_path / "from-folder"))
    manifest = json.loads((tmp_path / "from-folder" / "manifest.json").read_text("utf-8"))
    assert manifest["evidence_storage"] == "local"

    # A new installation on S3: no database yet, an empty bucket; no --yes needed.
    bucket = s3.new_bucket()
    remote = in_bucket(sqlite_site("remote"), s3, bucket)
    out = remote.run("restore", str(tmp_path / "from-folder")).stdout
    assert "số bản ghi khớp" in out
    assert objects(s3, bucket) == {PREFIX + name: data for name, data in files.items()}
    assert remote.rows() == rows
    assert local_files(remote) == {}
    # The app reads the restored objects: every evidence row opens its file, same bytes.
    read = json.loads(
        remote.shell(
            "import hashlib, json\n"
            "from programs.models import Evidence\n"
            "print(json.dumps({e.file.name: hashlib.sha256(e.file.open('rb').read()).hexdigest()"
            " for e in Evidence.objects.all()}))"
        )
    )
    assert read
    assert read == {name: hashlib.sha256(files[name]).hexdigest() for name in read}

    # And back: a bucket backup restores into a folder installation.
    remote.run("backup", "--output", str(tmp_path / "from-bucket"))
    shutil.rmtree(local.evidence)
    local.run("restore", str(tmp_path / "from-bucket"), "--yes")
    assert local_files(local) == files
    assert local.rows() == rows
