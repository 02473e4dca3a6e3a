"""The one way to tell people of an event: in the app (the bell) and, as each chooses per
kind, in the next daily e-mail digest.

``notify`` is called inside the transaction of the event it tells of (a task assigned, an
urging letter or a meeting invitation issued, a petition's handler assigned or deadline
extended, a report submitted, returned or accepted). Each event has a key; a person is told
of a key once (a unique index), so a retried or repeated call inserts nothing more.
"""

from reminders.models import NoticeKind, NoticePreference, Notification


def wants_email(users, kind: str) -> dict[int, bool]:
    """Per user pk: does this kind of notice also go into their e-mail digest (yes unless
    they said no, and only if they have an address)."""
    refused = set(
        NoticePreference.objects.filter(
            user__in=[u.pk for u in users], kind=kind, email=False
        ).values_list("user", flat=True)
    )
    return {u.pk: bool(u.email) and u.pk not in refused for u in users}


def notify(users, *, kind: str, key: str, title: str, body: str = "", url: str = "") -> int:
    """Tell each of ``users`` (duplicates, ``None`` and inactive accounts left out) of the
    event ``key`` of ``kind``; returns how many were told now (not before)."""
    if kind not in NoticeKind.values:
        raise ValueError(f"unknown notice kind: {kind}")
    people = {u.pk: u for u in users if u is not None and u.is_active}
    if not people:
        return 0
    key = f"{kind}:{key}"[:200]
    already = set(
        Notification.objects.filter(user__in=list(people), key=key).values_list("user", flat=True)
    )
    fresh = [u for pk, u in people.items() if pk not in already]
    email = wants_email(fresh, kind) if fresh else {}
    Notification.objects.bulk_create(
        [
            Notification(
                user=u,
                kind=kind,
                key=key,
                title=title[:200],
                body=body,
                url=url[:300],
                wants_email=email[u.pk],
            )
            for u in fresh
        ],
        ignore_conflicts=True,
    )
    return len(fresh)


def users_of_members(members):
    """The accounts of committee seats (seats without an account are nobody to tell)."""
    return [m.user for m in members if m is not None and m.user_id is not None]
