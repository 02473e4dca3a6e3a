"""Writing and reading the audit log."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.models import AuditEvent


def _plain(value):
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def diff(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for every field whose value changed."""
    return {
        field: [_plain(before.get(field)), _plain(after.get(field))]
        for field in sorted(set(before) | set(after))
        if _plain(before.get(field)) != _plain(after.get(field))
    }


def record(*, actor, unit, target, verb: str, summary: str, changes: dict | None = None):
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=unit,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
        verb=verb,
        summary=summary[:300],
        changes=changes or {},
    )


def history_of(target, limit: int = 200):
    """The newest events about one object, with their actors, in one query."""
    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
            target_id=target.pk,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
