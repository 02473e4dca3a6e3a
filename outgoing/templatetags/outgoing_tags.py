"""Template filters of the outgoing documents card."""

from django import template

from outgoing.services import has_number as _has_number

register = template.Library()


@register.filter
def has_number(number_symbol: str) -> bool:
    """True once a document has its number ("05/CTr-BCĐ"), False for a draft ("/CTr-BCĐ")."""
    return _has_number(number_symbol or "")
