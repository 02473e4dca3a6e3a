"""The unit tree as of a date.

``Unit.parent``/``Unit.path`` are today's tree. A unit that changed parent (the districts
were abolished on 1 July 2025) keeps its earlier parents as ``UnitParentLink`` rows; a unit
without links has always had its current parent. Everything that must follow the tree of a
report's period (where a report goes, who receives it, what a dashboard adds up) asks here.

``descendants_on`` reads every parent edge valid on the day in two queries whatever the
depth or number of units, so a dashboard's query count stays flat.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from units.models import Unit, UnitParentLink


def _valid_on(day: datetime.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def parent_on(unit: Unit, day: datetime.date) -> Unit | None:
    """The unit's parent on ``day``: from its parent links, or its current parent if it has
    none; ``None`` if it had no parent then."""
    links = list(unit.parent_links.select_related("parent"))
    if not links:
        return unit.parent
    for link in links:
        if link.covers(day):
            return link.parent
    return None


def children_on(parent: Unit, day: datetime.date):
    """The units whose parent on ``day`` was ``parent`` (a queryset)."""
    has_links = UnitParentLink.objects.filter(unit=OuterRef("pk"))
    linked = UnitParentLink.objects.filter(_valid_on(day), unit=OuterRef("pk"), parent=parent)
    return Unit.objects.filter((Q(parent=parent) & ~Exists(has_links)) | Exists(linked))


def edges_on(day: datetime.date) -> dict[int, int | None]:
    """Every unit's parent on ``day``, by pk (merged units included): two queries."""
    links = UnitParentLink.objects.filter(_valid_on(day)).values_list("unit", "parent")
    linked_units = UnitParentLink.objects.values("unit")
    plain = Unit.objects.exclude(pk__in=linked_units).values_list("pk", "parent")
    edges = dict(plain)
    edges.update(links)
    return edges


def descendants_on(roots, day: datetime.date) -> dict[int, int]:
    """Every unit below one of ``roots`` (unit pks) on ``day``, mapped to the root it lies
    under; the roots map to themselves."""
    children: dict[int, list[int]] = {}
    for unit, parent in edges_on(day).items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    owner = {}
    for root in roots:
        stack = [root]
        while stack:
            current = stack.pop()
            if current in owner:
                continue
            owner[current] = root
            stack.extend(children.get(current, ()))
    return owner


def ancestors_on(unit: Unit, day: datetime.date) -> list[int]:
    """The pks of the unit's ancestors on ``day``, nearest first."""
    edges = edges_on(day)
    result, current = [], edges.get(unit.pk)
    while current is not None and current not in result:
        result.append(current)
        current = edges.get(current)
    return result


@transaction.atomic
def change_parent(*, unit: Unit, parent: Unit | None, on: datetime.date, actor=None) -> Unit:
    """From ``on`` the unit's parent is ``parent``: the open link is closed the day before
    (a unit without links first gets one for its parent until then), a new link opens, and
    ``Unit.parent``/``path`` become the new parent's."""
    from audit.services import record

    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if parent is not None and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
        raise ValidationError(_("Không thể chọn đơn vị cấp trên như vậy: sẽ tạo thành vòng lặp."))
    links = list(unit.parent_links.order_by("valid_from"))
    if not links:
        links = [UnitParentLink.objects.create(unit=unit, parent=unit.parent)]
    the_day_before = on - datetime.timedelta(days=1)
    for link in links:
        if link.valid_from is not None and link.valid_from >= on:
            raise ValidationError(
                _("Đơn vị đã có cấp trên từ ngày %(day)s; không đổi lùi được.")
                % {"day": link.valid_from.strftime("%d/%m/%Y")}
            )
        if link.valid_to is None or link.valid_to >= on:
            link.valid_to = the_day_before
            link.save(update_fields=["valid_to"])
    old = unit.parent
    UnitParentLink.objects.create(unit=unit, parent=parent, valid_from=on)
    if parent is not None:
        unit.parent = parent
        unit.save()
    record(
        actor=actor,
        unit=unit,
        target=unit,
        verb="update",
        summary=_("Đổi đơn vị cấp trên từ ngày %(day)s") % {"day": on.strftime("%d/%m/%Y")},
        changes={"đơn vị cấp trên": [str(old or "—"), str(parent or "—")]},
    )
    return unit


@transaction.atomic
def end_parent(*, unit: Unit, last_day: datetime.date, actor=None) -> Unit:
    """The unit has no parent after ``last_day`` (a district abolished on 1 July 2025): its
    link closes then; ``Unit.parent`` stays as it was, for history."""
    from audit.services import record

    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    links = list(unit.parent_links.all())
    if not links:
        links = [UnitParentLink.objects.create(unit=unit, parent=unit.parent)]
    for link in links:
        if link.valid_to is None or link.valid_to > last_day:
            link.valid_to = last_day
            link.save(update_fields=["valid_to"])
    record(
        actor=actor,
        unit=unit,
        target=unit,
        verb="update",
        summary=_("Thôi trực thuộc %(parent)s sau ngày %(day)s")
        % {"parent": unit.parent or "—", "day": last_day.strftime("%d/%m/%Y")},
    )
    return unit
