"""Total and rating of a self-inspection, from its scores and its template's levels."""

from decimal import Decimal

from inspections.models import CriterionKind


def total_of(criteria, scores: dict) -> Decimal:
    """Ordinary and bonus points added, deductions subtracted; never below zero.

    ``scores`` maps a criterion id to its score; a criterion without a score counts 0.
    """
    total = Decimal(0)
    for criterion in criteria:
        value = scores.get(criterion.pk) or Decimal(0)
        total += -value if criterion.kind == CriterionKind.DEDUCTION else value
    return max(total, Decimal(0))


def has_zero(criteria, scores: dict) -> bool:
    """Whether an ordinary criterion scored 0 (or was left unscored)."""
    return any(not scores.get(c.pk) for c in criteria if c.kind == CriterionKind.SCORED)


def rating_of(template, levels, total: Decimal, zero: bool) -> str:
    """The highest level reached; ``levels`` ordered from the highest threshold down."""
    for level in levels:
        if total >= level.min_points and not (level.requires_no_zero and zero):
            return level.label
    return template.fallback_rating
