"""Subscribable iCalendar feeds (RFC 5545) of deadlines and events.

A user creates a feed address on ``/theo-doi/lich/`` and subscribes to it in any calendar
application (Google Calendar, Outlook, Thunderbird, a phone). The address carries a secret
token and needs no login; only the token's SHA-256 is stored, so the full address is shown
once, when it is created. A revoked or unknown token answers 404.

Two scopes:

- ``user``: the deadlines of the tasks the user is in charge of or co-operates on (through
  their committee seats, ``committee.CommitteeMember.user``);
- ``unit``: the deadlines of every task the user's unit may see (``accounts.access``: the
  unit and the units below it).

Only tasks of issued programs appear, never withdrawn ones, and always within the token
owner's current scope: a user moved to another unit or deactivated takes their feeds along.

Other apps add their own events through a registry. In the app's ``AppConfig.ready``::

    from followup.feeds import register_source

    def meeting_events(unit, user):
        for meeting in Meeting.objects.filter(unit=unit):
            yield {
                "uid": f"meeting-{meeting.pk}",
                "start": meeting.starts_at,      # a date (all-day) or an aware datetime
                "end": meeting.ends_at,          # optional
                "summary": meeting.title,
                "description": meeting.agenda,   # optional
                "url": "/hop/12/",               # optional; a path gets DVCQ_SITE_URL
            }

    register_source(meeting_events)

``func(unit, user)`` gets the token owner's unit and the owner (never ``None``), for both
scopes; a feed address can be shared, so a source keeps to what ``user`` may see
(``accounts.access.scoped``) within ``unit`` and below, and leaves out anything
confidential. For all-day events ``end`` is the last day (inclusive); for timed events it is
the end instant. ``uid`` must be stable and unique across apps (prefix it with the app).
A source that fails or an event that is malformed is logged and left out; the rest of the
feed is still served.
"""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import scoped
from audit.services import record
from followup.models import FeedScope, FeedToken
from programs.models import ProgramStatus, Task

logger = logging.getLogger(__name__)

Source = Callable[[object, object], Iterable[dict]]
_sources: list[Source] = []

SUMMARY_LENGTH = 80


def register_source(func: Source) -> Source:
    """Add a source of events to every feed; registering the same function twice is a
    no-op. Returns ``func``, so it can be used as a decorator."""
    if func not in _sources:
        _sources.append(func)
    return func


def registered_sources() -> list[Source]:
    return list(_sources)


# Tokens


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_token(user, scope: str) -> tuple[FeedToken, str]:
    """Create a token; returns it with the secret, which is not stored anywhere."""
    if scope not in FeedScope.values:
        raise ValueError(f"unknown scope {scope!r}")
    secret = secrets.token_urlsafe(32)
    token = FeedToken.objects.create(
        user=user, scope=scope, token_hash=hash_token(secret), hint=secret[:6]
    )
    if user.unit_id is not None:
        record(
            actor=user,
            unit=user.unit,
            target=token,
            verb="create",
            summary=_("Tạo địa chỉ lịch đăng ký: %(token)s") % {"token": token},
        )
    return token, secret


@transaction.atomic
def revoke_token(token: FeedToken, actor) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    if token.user.unit_id is not None:
        record(
            actor=actor,
            unit=token.user.unit,
            target=token,
            verb="change",
            summary=_("Thu hồi địa chỉ lịch đăng ký: %(token)s") % {"token": token},
        )


def active_token(secret: str) -> FeedToken | None:
    """The live token for a secret from a URL, or ``None``."""
    token = (
        FeedToken.objects.select_related("user__unit")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active or token.user.unit_id is None:
        return None
    return token


def feed_url(secret: str) -> str:
    return site_url(reverse("followup:feed", args=[secret]))


# Building the calendar


def site_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.DVCQ_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def _uid_host() -> str:
    return urlsplit(settings.DVCQ_SITE_URL).hostname or "dvcq"


def _shorten(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def feed_tasks(token: FeedToken):
    """The tasks whose deadlines a token's feed shows."""
    user = token.user
    tasks = scoped(Task.objects.trackable(), user).filter(program__status=ProgramStatus.ISSUED)
    if token.scope == FeedScope.USER:
        tasks = tasks.filter(Q(responsible__user=user) | Q(cooperators__user=user)).distinct()
    return (
        tasks.with_effective_status()
        .select_related("responsible", "unit")
        .prefetch_related("cooperators")
        .order_by("due_date", "pk")
    )


def _task_event(task) -> dict:
    people = [
        _("Trạng thái: %(status)s") % {"status": task.current_status_label},
        _("Chủ trì: %(who)s")
        % {
            "who": (task.responsible.full_name if task.responsible else "")
            or task.responsible_office
            or _("chưa phân công")
        },
    ]
    cooperators = [seat.full_name for seat in task.cooperators.all()]
    if cooperators:
        people.append(_("Phối hợp: %(who)s") % {"who": ", ".join(cooperators)})
    people.append(_("Đơn vị: %(unit)s") % {"unit": task.unit.name})
    return {
        "uid": f"task-{task.pk}",
        "start": task.due_date,
        "summary": _("Hạn: %(task)s") % {"task": _shorten(task.text)},
        "description": "\n".join([task.text.strip(), "", *people]),
        "url": reverse("programs:task", args=[task.pk]),
        "stamp": task.updated_at,
    }


def _source_events(token: FeedToken) -> Iterable[dict]:
    user = token.user
    for source in registered_sources():
        try:
            yield from list(source(user.unit, user))
        except Exception:
            logger.exception("calendar feed source %r failed", source)


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def _vevent(item: dict, host: str, now: datetime.datetime) -> icalendar.Event:
    """One VEVENT from an event dict; ``ValueError`` when the dict is malformed."""
    uid, start, summary = item.get("uid"), item.get("start"), item.get("summary")
    if not uid or not summary or start is None:
        raise ValueError("an event needs uid, start and summary")
    event = icalendar.Event()
    event.add("uid", uid if "@" in str(uid) else f"{uid}@{host}")
    event.add("dtstamp", _utc(item.get("stamp") or now))
    event.add("summary", str(summary))
    end = item.get("end")
    if isinstance(start, datetime.datetime):
        if timezone.is_naive(start) or (end is not None and not isinstance(end, datetime.datetime)):
            raise ValueError("timed events need aware datetimes for start and end")
        if end is not None and timezone.is_naive(end):
            raise ValueError("timed events need aware datetimes for start and end")
        event.add("dtstart", _utc(start))
        if end is not None:
            event.add("dtend", _utc(end))
    elif isinstance(start, datetime.date):
        if end is not None and (isinstance(end, datetime.datetime) or end < start):
            raise ValueError("an all-day event ends on a date, not before its start")
        event.add("dtstart", start)
        event.add("dtend", (end or start) + datetime.timedelta(days=1))
    else:
        raise ValueError("start must be a date or an aware datetime")
    if item.get("description"):
        event.add("description", str(item["description"]))
    if item.get("url"):
        event.add("url", site_url(str(item["url"])))
    return event


def calendar_name(token: FeedToken) -> str:
    user = token.user
    if token.scope == FeedScope.USER:
        return _("DVCQ – Nhiệm vụ của %(name)s") % {"name": user.display_name}
    return _("DVCQ – %(unit)s") % {"unit": user.unit.name}


def build_feed(token: FeedToken) -> bytes:
    """The whole feed of a token as iCalendar bytes."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//DVCQ//Theo doi don doc//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name(token))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host, now = _uid_host(), timezone.now()
    items = [_task_event(task) for task in feed_tasks(token)]
    items += _source_events(token)
    seen = set()
    for item in items:
        try:
            event = _vevent(item, host, now)
        except (ValueError, TypeError, AttributeError):
            logger.warning("calendar feed: malformed event left out: %r", item)
            continue
        if event["uid"] in seen:
            continue
        seen.add(event["uid"])
        cal.add_component(event)
    return cal.to_ical()
