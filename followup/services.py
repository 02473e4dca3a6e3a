"""Writing calendar overrides: validated together, saved together or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from followup.models import CalendarOverride


@transaction.atomic
def add_overrides(entries) -> list[CalendarOverride]:
    """Save the overrides of one announcement (e.g. a swap: a weekday off and a Saturday
    worked). ``entries`` are dicts of ``CalendarOverride`` fields. Any invalid entry, or two
    entries for the same date, raises ``ValidationError`` and saves none of them."""
    entries = list(entries)
    dates = [entry.get("date") for entry in entries]
    repeated = sorted({d for d in dates if d is not None and dates.count(d) > 1})
    if repeated:
        raise ValidationError(
            _("Các điều chỉnh mâu thuẫn nhau: ngày %(days)s xuất hiện nhiều lần.")
            % {"days": ", ".join(f"{d:%d/%m/%Y}" for d in repeated)}
        )
    # save() runs full_clean(); an error rolls back the ones already written.
    return [CalendarOverride.objects.create(**entry) for entry in entries]
