"""Filling the petitioners' name index (``Petitioner.name_key``/``name_short_key``, keyed
hashes from ``citizens.duplicates.name_keys``) for rows written before it existed or after
the identity key changed, and removing repeat links that tie a named petition to a
denunciation (``duplicates.may_link``), which older versions recorded.

Used by migration ``citizens.0008`` and by ``dvcq index_petitioner_names``; both take the
model classes so that a migration can pass its historical ones.
"""

from django.db.models import Q

from citizens.crypto import unseal
from citizens.duplicates import index_fields

BATCH = 500
DENUNCIATION = "denunciation"  # CaseType.DENUNCIATION; migrations pass historical models


def reindex(petitioner_model=None, *, only_missing: bool = False) -> int:
    """Compute the keyed hashes of every petitioner's name (decrypting each once, in
    batches); the number of rows changed."""
    if petitioner_model is None:
        from citizens.models import Petitioner as petitioner_model
    rows = petitioner_model.objects.only("pk", "sealed", "name_key", "name_short_key")
    if only_missing:
        rows = rows.filter(name_key="")
    names = ["name_key", "name_short_key"]
    changed, batch = 0, []
    for row in rows.order_by("pk").iterator(chunk_size=BATCH):
        fields = index_fields(unseal(row.sealed).get("name", ""))
        if fields["name_key"] == row.name_key and fields["name_short_key"] == row.name_short_key:
            continue
        row.name_key, row.name_short_key = fields["name_key"], fields["name_short_key"]
        batch.append(row)
        if len(batch) >= BATCH:
            changed += petitioner_model.objects.bulk_update(batch, names)
            batch = []
    if batch:
        changed += petitioner_model.objects.bulk_update(batch, names)
    return changed


def unlink_mixed_repeats(petition_model=None) -> int:
    """Clear ``repeat_of`` where one side is a denunciation and the other is not; the
    number of links removed."""
    if petition_model is None:
        from citizens.models import Petition as petition_model
    mixed = Q(case_type=DENUNCIATION) & ~Q(repeat_of__case_type=DENUNCIATION)
    mixed |= ~Q(case_type=DENUNCIATION) & Q(repeat_of__case_type=DENUNCIATION)
    ids = list(
        petition_model.objects.filter(repeat_of__isnull=False)
        .filter(mixed)
        .values_list("pk", flat=True)
    )
    return petition_model.objects.filter(pk__in=ids).update(repeat_of=None)
