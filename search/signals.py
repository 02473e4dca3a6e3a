"""Keeping the index current on every write.

- ``post_save`` / ``post_delete`` of each indexed model write or remove its entry (in the
  same transaction as the write).
- ``post_save`` of ``audit.AuditEvent``: the services record one event per write, including
  those that bulk-create tasks or update rows by queryset (which send no model signals);
  the event's target is re-read and re-indexed, a program with all its tasks.
- ``post_save`` / ``post_delete`` of the parts of an indexed object's text (a meeting's
  conclusions, a bright spot's progress reports and evaluations, an inspection's findings)
  re-index the object.
- ``post_save`` of ``units.Unit``: a unit moved in the tree re-scopes its entries; its
  hamlets' entries (titled with the unit's name) are written again.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from search import indexing


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index(instance)


def _deleted(sender, instance, **kwargs):
    indexing.remove(instance)


def _part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.reindex_whole(instance)


def _audited(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    model = ContentType.objects.get_for_id(instance.target_type_id).model_class()
    from programs.models import Program

    if model is Program:
        indexing.reindex_program(instance.target_id)
    elif model in indexing.indexed_models():
        indexing.reindex(model, instance.target_id)
    elif model in indexing.part_models():
        part = model._default_manager.filter(pk=instance.target_id).first()
        if part is not None:
            indexing.reindex_whole(part)


def _unit_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        indexing.rescope(instance)
        for hamlet in instance.hamlets.select_related("unit"):  # titled with the unit's name
            indexing.index(hamlet)


def connect() -> None:
    from audit.models import AuditEvent
    from units.models import Unit

    post_save.connect(_unit_saved, sender=Unit, dispatch_uid="search-unit")
    for model in indexing.indexed_models():
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for model in indexing.part_models():
        uid = f"search-part-{model._meta.label_lower}"
        post_save.connect(_part_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_part_changed, sender=model, dispatch_uid=uid)
    post_save.connect(_audited, sender=AuditEvent, dispatch_uid="search-audit")
