"""Walking the URL configuration and requesting each named URL as each role.

Used by ``test_access_matrix.py``; kept apart so the table (``access_matrix.py``) holds only
expectations.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dvcq.tests.world import World

MISSING_PK = 987654321


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    kwargs: tuple[str, ...]


def walk(patterns=None, prefix: str = "", namespace: str = ""):
    """Every named URL pattern, with its full name and the names of its arguments."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs = tuple(entry.pattern.regex.groupindex)
            yield Route(name, prefix + str(entry.pattern), kwargs)


def routes() -> dict[str, Route]:
    found = {}
    for route in walk():
        found.setdefault(route.name, route)  # the first pattern is the one reverse() uses
    return found


OBJECT_KWARGS = {"pk", "object_id", "code", "unit_code", "step_pk", "attachment_pk", "token"}


def has_object(route: Route) -> bool:
    return bool(OBJECT_KWARGS & set(route.kwargs))


def fill(route: Route, entry, world: World, side: str) -> dict | None:
    """URL arguments naming ``side``'s objects (``side="missing"``: ids that exist nowhere).
    None when the URL cannot be built from the world."""
    objects = world.objects["own" if side == "missing" else side]
    values = {}
    for kwarg in route.kwargs:
        if kwarg in ("pk", "object_id"):
            if entry.obj is None:
                return None
            values[kwarg] = MISSING_PK if side == "missing" else objects[entry.obj].pk
        elif kwarg in ("code", "unit_code"):
            values[kwarg] = "khong-co-xa-nay" if side == "missing" else objects["unit"].code
        elif kwarg == "step_pk":
            values[kwarg] = MISSING_PK if side == "missing" else objects["step"].pk
        elif kwarg == "attachment_pk":
            values[kwarg] = MISSING_PK if side == "missing" else objects["attachment"].pk
        elif kwarg == "token":
            token = objects["feed_token"]
            values[kwarg] = "x" * 43 if side == "missing" else world.feed_secrets[token.pk]
        elif kwarg == "user_id":  # a user of the own commune (ids differ between engines)
            values[kwarg] = MISSING_PK if side == "missing" else world.users["member"].pk
        elif kwarg in entry.args:
            values[kwarg] = entry.args[kwarg]
        else:
            return None
    return values


def url_for(route: Route, values: dict) -> str:
    return reverse(route.name, kwargs=values)


def api_key(world: World, role: str) -> str | None:
    """A read-only API token of ``role``'s user (the API takes no session); None for a user
    without a unit (the administrator), who cannot hold one."""
    from api.services import issue_token

    if world.users[role].unit_id is None:
        return None
    if role not in world.api_keys:
        world.api_keys[role] = issue_token(world.users[role], "matrix", "read")[1]
    return world.api_keys[role]


def get_as(client, world: World, role: str, url: str, api: bool = False):
    client.logout()
    if api:
        key = None if role == "anonymous" else api_key(world, role)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return client.get(url, headers=headers)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client.get(url)
