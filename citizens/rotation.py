"""Re-sealing every sealed value under a new identity key (``dvcq rotate-identity-key``).

Sealed values are every ``sealed``/``sealed_*`` column of every model (petitioners, reception
visits, denunciation contents, ...) and every attachment's bytes in the evidence storage.
Each batch of rows is re-sealed in one transaction. A value is "done" when the new key
authenticates it, so a run that was killed is simply run again: what was committed is
skipped, the interrupted batch is redone. A value no known key opens stops the run (that
batch unchanged) with its table and id.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction

from citizens.models import PetitionAttachment
from dvcq.storage import evidence_storage

Progress = Callable[[str, int, int, int], None]  # label, rows seen, total, values re-sealed


class UnknownKey(Exception):
    """A sealed value that neither the new key nor any old key opens."""


@dataclass(frozen=True)
class Keys:
    new: Fernet
    known: MultiFernet  # the new key and every old one

    @classmethod
    def from_strings(cls, new: str, old: list[str]) -> "Keys":
        new_fernet = Fernet(new.encode())
        return cls(new_fernet, MultiFernet([new_fernet, *(Fernet(k.encode()) for k in old)]))

    def reseal(self, token: bytes) -> bytes | None:
        """The token sealed under the new key, or ``None`` if it already is."""
        try:
            self.new.decrypt(token)
            return None
        except InvalidToken:
            pass
        try:
            plain = self.known.decrypt(token)
        except InvalidToken as error:
            raise UnknownKey from error
        return self.new.encrypt(plain)

    def is_current(self, token: bytes) -> bool:
        try:
            self.new.decrypt(token)
        except InvalidToken:
            return False
        return True


def sealed_columns() -> list[tuple[type, list[str]]]:
    """Every model with sealed columns, and those columns (by the naming rule)."""
    found = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name == "sealed" or f.name.startswith("sealed_")
        ]
        if fields:
            found.append((model, fields))
    return sorted(found, key=lambda item: item[0]._meta.label)


def reseal_table(model, fields: list[str], keys: Keys, batch: int, progress: Progress) -> int:
    label = model._meta.label
    total = model.objects.count()
    last, seen, changed = None, 0, 0
    while True:
        with transaction.atomic():
            rows = model.objects.select_for_update().order_by("pk")
            if last is not None:
                rows = rows.filter(pk__gt=last)
            rows = list(rows.values("pk", *fields)[:batch])
            if not rows:
                break
            for row in rows:
                updates = {}
                for field in fields:
                    if not row[field]:
                        continue
                    try:
                        fresh = keys.reseal(row[field].encode())
                    except UnknownKey as error:
                        raise UnknownKey(f"{label} #{row['pk']} ({field})") from error
                    if fresh is not None:
                        updates[field] = fresh.decode()
                if updates:
                    model.objects.filter(pk=row["pk"]).update(**updates)
                    changed += 1
        last = rows[-1]["pk"]
        seen += len(rows)
        progress(label, seen, total, changed)
    return changed


def _name(stored_as: str) -> str:
    return f"citizens/{stored_as}"


def reseal_attachments(keys: Keys, batch: int, progress: Progress) -> int:
    """Each attachment re-sealed into a new file; the row points to it in the batch's
    transaction and the old file is deleted once that commits."""
    label = "citizens.PetitionAttachment (tệp)"
    total = PetitionAttachment.objects.count()
    last, seen, changed = 0, 0, 0
    while True:
        with transaction.atomic():
            rows = list(
                PetitionAttachment.objects.select_for_update()
                .filter(pk__gt=last)
                .order_by("pk")[:batch]
            )
            if not rows:
                break
            retired = []
            for attachment in rows:
                with evidence_storage.open(_name(attachment.stored_as), "rb") as handle:
                    token = handle.read()
                try:
                    fresh = keys.reseal(token)
                except UnknownKey as error:
                    raise UnknownKey(f"{label} #{attachment.pk}") from error
                if fresh is None:
                    continue
                saved = evidence_storage.save(f"citizens/{uuid.uuid4().hex}", ContentFile(fresh))
                retired.append(_name(attachment.stored_as))
                PetitionAttachment.objects.filter(pk=attachment.pk).update(
                    stored_as=saved.removeprefix("citizens/")
                )
                changed += 1
            transaction.on_commit(lambda names=retired: [evidence_storage.delete(n) for n in names])
        last = rows[-1].pk
        seen += len(rows)
        progress(label, seen, total, changed)
    return changed


def sweep_old_files(keys: Keys) -> int:
    """Delete attachment files no row points to that are still under an old key (left by a
    run killed between its commit and the deletion of the old files)."""
    try:
        _dirs, files = evidence_storage.listdir("citizens")
    except FileNotFoundError:
        return 0
    used = {_name(s) for s in PetitionAttachment.objects.values_list("stored_as", flat=True)}
    removed = 0
    for file in files:
        name = f"citizens/{file}"
        if name in used:
            continue
        with evidence_storage.open(name, "rb") as handle:
            if keys.is_current(handle.read()):
                continue
        evidence_storage.delete(name)
        removed += 1
    return removed


def rotate(keys: Keys, *, batch: int = 500, progress: Progress) -> dict[str, int]:
    """Re-seal everything; the number of values re-sealed per table."""
    done = {}
    for model, fields in sealed_columns():
        done[model._meta.label] = reseal_table(model, fields, keys, batch, progress)
    done["citizens.PetitionAttachment"] = reseal_attachments(keys, batch, progress)
    done["orphans"] = sweep_old_files(keys)
    return done


def left_under_old_keys(keys: Keys) -> list[str]:
    """Every sealed value the new key does not open (empty after a complete rotation)."""
    left = []
    for model, fields in sealed_columns():
        for row in model.objects.values("pk", *fields).iterator():
            for field in fields:
                if row[field] and not keys.is_current(row[field].encode()):
                    left.append(f"{model._meta.label} #{row['pk']} ({field})")
    for attachment in PetitionAttachment.objects.iterator():
        with evidence_storage.open(_name(attachment.stored_as), "rb") as handle:
            if not keys.is_current(handle.read()):
                left.append(f"citizens.PetitionAttachment #{attachment.pk}")
    return left
