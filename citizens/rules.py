"""The time-limit table: checking a rule and finding the rule that applies to a case.

A rule applies to a case when its step and case type match, its instance, complexity and
remote-area columns are empty ("any") or equal to the case's, and it is in force on the case's
receipt date. Of several, the most specific wins (most filled columns). A complaint that is
"especially complex" uses the "complex" rule when no "especially complex" one exists.

Two rules with the same step, case type, instance, complexity and remote area may not be in
force on the same day: :func:`check_rule` refuses overlapping effective dates.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from citizens.models import Complexity, TimeLimitRule

FAR_FUTURE = datetime.date(9999, 12, 31)


def check_rule(rule: TimeLimitRule) -> None:
    """Raise ``ValidationError`` (Vietnamese) for a rule with a bad or overlapping period."""
    if rule.effective_from and rule.effective_to and rule.effective_to < rule.effective_from:
        raise ValidationError(
            {"effective_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")}
        )
    if not rule.days and rule.days != 0:
        return
    if rule.extensions_allowed and not rule.extension_days:
        raise ValidationError(
            {"extension_days": _("Quy tắc cho phép gia hạn thì phải ghi số ngày mỗi lần gia hạn.")}
        )
    if not rule.effective_from:
        return
    end = rule.effective_to or FAR_FUTURE
    clash = (
        TimeLimitRule.objects.filter(
            step=rule.step,
            case_type=rule.case_type,
            instance=rule.instance,
            complexity=rule.complexity,
            remote=rule.remote,
            effective_from__lte=end,
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=rule.effective_from))
        .exclude(pk=rule.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _(
                "Thời gian hiệu lực trùng với quy tắc đã có (%(rule)s, hiệu lực từ "
                "%(start)s%(end)s). "
                "Hãy ghi ngày hết hiệu lực cho quy tắc cũ trước khi thêm quy tắc mới."
            )
            % {
                "rule": clash.legal_basis,
                "start": clash.effective_from.strftime("%d/%m/%Y"),
                "end": (" đến " + clash.effective_to.strftime("%d/%m/%Y"))
                if clash.effective_to
                else "",
            }
        )


def _specificity(rule: TimeLimitRule) -> int:
    return (
        (rule.instance is not None)
        + bool(rule.complexity)
        + (rule.remote is not None)
        + (rule.complexity == Complexity.ESPECIALLY)
    )


def rules_in_force(on: datetime.date):
    return TimeLimitRule.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )


def applicable_rule(
    rules, *, step: str, case_type: str, instance: int, complexity: str, remote: bool
) -> TimeLimitRule | None:
    """The most specific rule of ``rules`` (already limited to those in force) for a case."""
    accepted = {"", complexity}
    if complexity == Complexity.ESPECIALLY:
        accepted.add(Complexity.COMPLEX)
    candidates = [
        r
        for r in rules
        if r.step == step
        and r.case_type == case_type
        and r.instance in (None, instance)
        and r.complexity in accepted
        and r.remote in (None, remote)
    ]
    if not candidates:
        return None
    return max(candidates, key=_specificity)
