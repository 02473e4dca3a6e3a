"""Every named URL × every role × own / other unit, against the table in ``access_matrix``.

The URLs come from the URL configuration itself, so a page added without a table entry fails
here with its name.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from dvcq.tests import matrix_runner as runner
from dvcq.tests.access_matrix import ADMIN_NAMESPACE, ADMIN_PUBLIC, MATRIX, Entry
from dvcq.tests.world import LEAK_MARKER, ROLES, build_world

ROUTES = runner.routes()
APP_ROUTES = sorted(n for n in ROUTES if not n.startswith(f"{ADMIN_NAMESPACE}:"))
ADMIN_ROUTES = sorted(n for n in ROUTES if n.startswith(f"{ADMIN_NAMESPACE}:"))
DENIED = {403, 404}
REDIRECTS = {301, 302}


@pytest.fixture
def world(province, commune, other_commune):
    return build_world(province, commune, other_commune)


def test_every_url_has_an_entry_in_the_matrix():
    missing = [name for name in APP_ROUTES if name not in MATRIX]
    assert not missing, (
        "URL names without an entry in dvcq/tests/access_matrix.py (add one per name): "
        + ", ".join(missing)
    )


def test_the_matrix_names_no_url_that_is_gone():
    gone = sorted(set(MATRIX) - set(ROUTES))
    assert not gone, f"entries for URL names that no longer exist: {gone}"


def _login_redirect(response) -> bool:
    login = reverse(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].startswith(login)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _check(problems, role, side, url, response, expected, public):
    status = response.status_code
    if status >= 500 or status not in expected:
        problems.append(f"{role} {side} {url}: {status}, expected one of {sorted(expected)}")
        return
    own_view = role != "province_viewer" and not (public and side == "other")
    if status == 200 and own_view and LEAK_MARKER in _body(response):
        problems.append(f"{role} {side} {url}: shows the other commune's data")


def _expected(entry: Entry, role: str, side: str, missing_status: int | None) -> set:
    """Statuses allowed for ``role`` opening the URL with ``side``'s objects."""
    if entry.post_only:
        return {302, 403, 404, 405}
    if role == "anonymous" and not entry.public:
        return {302}
    allowed = role in entry.ok or (entry.public and role == "anonymous")
    if role == "superuser" and entry.obj is None and not entry.public and not allowed:
        return set(entry.ok_status) | DENIED  # no unit: an empty list or a 404
    if side == "other" and not entry.public:
        # Another commune's object: the same answer as for an object that does not exist,
        # except for the province viewer, who reads every commune below the province.
        allowed = allowed and role == "province_viewer" and not entry.owner_only
        if not allowed:
            return {missing_status} if missing_status in DENIED else DENIED
    return set(entry.ok_status) if allowed else DENIED


@pytest.mark.parametrize("name", APP_ROUTES)
def test_access(client, world, name):
    entry = MATRIX.get(name)
    if entry is None:
        pytest.fail(f"{name}: no entry in dvcq/tests/access_matrix.py")
    route = ROUTES[name]
    sides = ["own", "other"] if runner.has_object(route) else ["own"]
    problems = []
    for role in ROLES:
        missing_status = None
        if runner.has_object(route):
            values = runner.fill(route, entry, world, "missing")
            assert values is not None, f"{name}: cannot fill {route.kwargs} (set obj/args)"
            response = runner.get_as(
                client, world, role, runner.url_for(route, values), api=entry.api
            )
            missing_status = response.status_code
            if (
                role != "anonymous"
                and not entry.post_only
                and missing_status != 404
                and not (entry.api and role == "superuser")
            ):
                problems.append(f"{role} missing object {name}: {missing_status}, expected 404")
        for side in sides:
            values = runner.fill(route, entry, world, side)
            assert values is not None, f"{name}: cannot fill {route.kwargs} (set obj/args)"
            url = runner.url_for(route, values)
            response = runner.get_as(client, world, role, url, api=entry.api)
            expected = _expected(entry, role, side, missing_status)
            if role in ("anonymous", "superuser") and entry.api and not entry.public:
                # Without a unit the administrator holds no API token: like anonymous.
                if response.status_code != 401:
                    problems.append(f"anonymous {url}: {response.status_code}, expected 401")
                continue
            if role == "anonymous" and not entry.public and not entry.post_only:
                if not _login_redirect(response):
                    problems.append(f"anonymous {url}: {response.status_code}, not sent to login")
                continue
            _check(problems, role, side, url, response, expected, entry.public)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ADMIN_ROUTES)
def test_back_office_is_for_staff_only(client, world, name):
    route = ROUTES[name]
    values = dict.fromkeys(route.kwargs, "1")
    if "app_label" in values:
        values["app_label"] = "programs"
    url = runner.url_for(route, values)
    problems = []
    for role in ROLES:
        if role == "superuser" or name in ADMIN_PUBLIC:
            if runner.get_as(client, world, role, url).status_code >= 500:
                problems.append(f"{role} {url}: server error")
            continue
        response = runner.get_as(client, world, role, url)
        if response.status_code == 200 or response.status_code >= 500:
            problems.append(f"{role} {url}: {response.status_code}")
        if response.status_code == 302 and "/quan-tri/login/" not in response["Location"]:
            problems.append(f"{role} {url}: redirected to {response['Location']}")
    if not route.kwargs or set(route.kwargs) == {"app_label"}:
        response = runner.get_as(client, world, "superuser", url)
        # 403: the audited models are read-only, even for the administrator.
        if response.status_code not in (200, 302, 403, 405):
            problems.append(f"superuser {url}: {response.status_code}")
    assert not problems, "\n".join(problems)
