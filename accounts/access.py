"""The only way views obtain protected objects.

Every object belongs to a unit. A user sees objects of their own unit and of the units below
it (a province sees its communes) and changes only objects of their own unit, as their role
allows. Anything else is answered with 404, so a user of one commune cannot even learn that
another commune's object exists.
"""

from django.http import Http404

from accounts.models import Role
from units.models import Unit


def visible_units(user):
    if not user.is_authenticated or user.unit_id is None:
        return Unit.objects.none()
    return Unit.objects.within(user.unit)


def visible_filter(user, field: str = "unit") -> dict:
    """Queryset filter keeping rows whose ``field`` unit the user may see (``field=""``
    filters units themselves)."""
    prefix = f"{field}__" if field else ""
    if not user.is_authenticated or user.unit_id is None:
        return {f"{prefix}pk__in": []}
    if field:
        # A subquery over the few units, so the rows' index on their unit is used; a prefix
        # match on the joined units' path made SQLite scan the whole table.
        return {f"{field}__in": Unit.objects.filter(path__startswith=user.unit.path)}
    return {"path__startswith": user.unit.path}


def scoped(queryset, user, field: str = "unit"):
    return queryset.filter(**visible_filter(user, field))


def get_visible_or_404(queryset, user, field: str = "unit", **lookup):
    obj = scoped(queryset, user, field).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def manages_unit(user, unit) -> bool:
    """Office clerks and chairs manage the program and committee of their own unit."""
    return user.is_authenticated and user.unit_id == unit.pk and user.manages_program


def can_update_task(user, task) -> bool:
    """Who may report progress on a task.

    1. Office and chair of the task's unit: any task.
    2. A committee member of that unit: the tasks they are in charge of or co-operate on.
    3. Nobody else (viewers, other units, higher levels read only).
    """
    if not user.is_authenticated or user.unit_id != task.unit_id:
        return False
    if user.manages_program:
        return True
    if user.role != Role.MEMBER:
        return False
    seat_ids = set(user.committee_seats.values_list("pk", flat=True))
    if task.responsible_id in seat_ids:
        return True
    return task.cooperators.filter(pk__in=seat_ids).exists()
