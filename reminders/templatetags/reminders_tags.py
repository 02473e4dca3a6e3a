"""``{% notification_bell %}``: the bell with the unread count in the header (one COUNT on
the partial index ``notification_unread``)."""

from django import template

from reminders.services import unread_count

register = template.Library()


@register.inclusion_tag("reminders/bell.html", takes_context=True)
def notification_bell(context):
    user = getattr(context.get("request"), "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user)}
