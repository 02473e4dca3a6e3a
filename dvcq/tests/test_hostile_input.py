"""Hostile input on every page the commune office opens and every form it may send.

Each query parameter a view reads and each field of each form gets XSS payloads, SQL
metacharacters, over-long strings, wrong types and Unicode edge cases (NFD, zero-width,
right-to-left override, NUL). Nothing may answer 5xx and no payload may come back as markup.

One world (``dvcq.tests.world``) is built per module inside a transaction that is rolled back
at the end; each test runs in its own savepoint on top of it.
"""

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404, resolve

from dvcq.tests import matrix_runner as runner
from dvcq.tests.access_matrix import ADMIN_NAMESPACE, MATRIX
from dvcq.tests.world import build_world

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'
RAW_MARKUP = (XSS_SCRIPT, "<img src=x onerror=alert(1)>")
# A cache key built from what a visitor typed breaks memcached-style backends.
pytestmark = pytest.mark.filterwarnings("error::django.core.cache.backends.base.CacheKeyWarning")

PAYLOADS = {
    "script": XSS_SCRIPT,
    "img": XSS_IMG,
    "sql": "' OR 1=1 --",
    "long": "a" * 10_000,
    "negative": "-1",
    "word": "abc",
    "huge": "9999999999999999999999",
    "nfd": unicodedata.normalize("NFD", "dân vận"),
    "zero_width": "d\u200bân\u200b",
    "rtl": "\u202edân vận",
    "nul": "a\x00b",
}
# One value carrying every markup and text trick at once, for the deeper per-field pass.
MIXED = XSS_SCRIPT + XSS_IMG + "' OR 1=1 --" + PAYLOADS["nfd"] + "\u200b\u202e"
# For downloads (no HTML to inspect, costly to build) only the inputs most likely to break.
DOWNLOAD_PAYLOADS = ("long", "huge", "nul", "sql")

BASE_PARAMS = [
    "q",
    "page",
    "year",
    "status",
    "kind",
    "unit",
    "start",
    "end",
    "sort",
    "period",
    "quarter",
    "ky",
    "state",
    "program",
    "form",
    "fmt",
    "half",
    "in",
    "name",
    "next",
    "actor",
    "verb",
]
SOURCE_PARAM = re.compile(r"""(?:GET|params|query)(?:\.get|\.getlist)?[(\[]["']([a-z_]+)["']""")
SKIP_FORMS = {"accounts:logout", "set_language"}


def _source_params() -> set[str]:
    """The query parameter names the apps' code reads (``request.GET.get("x")`` and kin)."""
    root = Path(__file__).resolve().parents[2]
    found = set()
    for path in root.glob("*/*.py"):
        if path.parts[-2] in {".venv", "node_modules"}:
            continue
        found.update(SOURCE_PARAM.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return found


PARAMS = sorted(set(BASE_PARAMS) | _source_params())
ROUTES = runner.routes()
OFFICE_PAGES = sorted(
    name
    for name, entry in MATRIX.items()
    if "office" in entry.ok
    and not entry.post_only
    and not entry.api
    and not name.startswith((f"{ADMIN_NAMESPACE}:", "api:"))
    and name in ROUTES
)


class Forms(HTMLParser):
    """The forms of a page: method, action and the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {
                "method": a.get("method", "get").lower(),
                "action": a.get("action", ""),
                "fields": {},
                "files": set(),
                "buttons": {},
            }
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "name" not in a:
            return
        name = a["name"]
        kind = a.get("type", "text").lower()
        if tag == "input":
            if kind == "file":
                form["files"].add(name)
            elif kind in ("checkbox", "radio"):
                form["fields"].setdefault(name, a.get("value", "on") if "checked" in a else "")
                if "checked" in a:
                    form["fields"][name] = a.get("value", "on")
            elif kind in ("submit", "image", "button"):
                form["buttons"].setdefault(name, a.get("value", ""))
            else:
                form["fields"][name] = a.get("value", "")
        elif tag == "button" and kind == "submit":
            form["buttons"].setdefault(name, a.get("value", ""))
        elif tag == "select":
            self._select = name
            form["fields"].setdefault(name, None)
        elif tag == "textarea":
            self._textarea = name
            form["fields"][name] = ""
        if tag == "option" and self._select:
            value = a.get("value")
            if form["fields"].get(self._select) is None or "selected" in a:
                form["fields"][self._select] = value or ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data
        if self._form is not None and self._select and data.strip():
            current = self._form["fields"].get(self._select)
            if current is None:
                self._form["fields"][self._select] = data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def _check(response, label: str):
    assert response.status_code < 500, f"{label}: {response.status_code}"
    if _is_html(response) and not getattr(response, "streaming", False):
        html = response.content.decode("utf-8", errors="replace")
        for raw in RAW_MARKUP:
            assert raw not in html, f"{label}: unescaped {raw!r}"


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("evidence")


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, evidence_dir):
    """Overrides the root conftest's: the module's world keeps its files in one folder."""
    settings.EVIDENCE_ROOT = evidence_dir
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, evidence_dir):
    from units.models import Unit, UnitKind

    with django_db_blocker.unblock(), override_settings(EVIDENCE_ROOT=evidence_dir):
        with transaction.atomic():
            ContentType.objects.clear_cache()
            province = Unit.objects.create(code="tinh-h", name="Tỉnh H", kind=UnitKind.PROVINCE)
            commune = Unit.objects.create(
                code="xa-h", name="Xã H", kind=UnitKind.COMMUNE, parent=province
            )
            other = Unit.objects.create(
                code="xa-k", name="Xã K", kind=UnitKind.COMMUNE, parent=province
            )
            yield build_world(province, commune, other)
            transaction.set_rollback(True)
        ContentType.objects.clear_cache()


@pytest.fixture
def office(client, db, world):
    client.force_login(world.users["office"])
    return client


def _page_url(name: str, world) -> str:
    route = ROUTES[name]
    values = runner.fill(route, MATRIX[name], world, "own")
    assert values is not None, f"cannot build {name}"
    return runner.url_for(route, values)


def _get_params(html: str) -> set[str]:
    """Names of the fields of the page's own GET forms (filters)."""
    parser = Forms()
    parser.feed(html)
    return {n for f in parser.forms if f["method"] == "get" for n in f["fields"]}


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_query_parameters(office, world, name):
    url = _page_url(name, world)
    first = office.get(url)
    _check(first, name)
    params = set(PARAMS)
    if _is_html(first):
        params |= _get_params(first.content.decode("utf-8", errors="replace"))
        payloads = list(PAYLOADS)
    else:
        payloads = list(DOWNLOAD_PAYLOADS)
    for key in payloads:
        query = urlencode(dict.fromkeys(sorted(params), PAYLOADS[key]))
        _check(office.get(f"{url}?{query}"), f"{name} ?*={key}")
    if "q" in params and _is_html(first):
        # Search boxes get every payload alone too, with nothing else to stop the query.
        for key, value in PAYLOADS.items():
            _check(office.get(url, {"q": value}), f"{name} ?q={key}")


def _post_forms(html: str, page_url: str):
    """The page's POST forms as ``(key, target, action, form)``; ``key`` names the form
    whatever page shows it: its target view and field names."""
    parser = Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["method"] != "post":
            continue
        action = form["action"] or page_url
        path = urlsplit(action).path or urlsplit(page_url).path
        try:
            target = resolve(path).view_name
        except Resolver404:
            continue
        if target in SKIP_FORMS or target.startswith(f"{ADMIN_NAMESPACE}:"):
            continue
        yield (target, tuple(sorted(form["fields"]))), target, action, form


FORM_PAGES = [n for n in OFFICE_PAGES if not n.startswith("api")]


@pytest.fixture(scope="module")
def form_owner(world, django_db_blocker):
    """The page whose test posts each form: the first of ``FORM_PAGES`` that shows it. A
    form several pages show (a search box, a progress form) is attacked once, by the same
    test whichever tests run and in whatever order."""
    from django.test import Client

    owner: dict = {}
    client = Client()
    with django_db_blocker.unblock():
        client.force_login(world.users["office"])
        for name in FORM_PAGES:
            url = _page_url(name, world)
            page = client.get(url)
            if _is_html(page):
                for key, *_rest in _post_forms(page.content.decode("utf-8", "replace"), url):
                    owner.setdefault(key, name)
    return owner


def _with_button(form, data: dict) -> dict:
    for name, value in list(form["buttons"].items())[:1]:
        data.setdefault(name, value)
    return data


@pytest.mark.parametrize("name", FORM_PAGES)
def test_forms(office, world, form_owner, name):
    url = _page_url(name, world)
    page = office.get(url)
    if not _is_html(page):
        return
    html = page.content.decode("utf-8", errors="replace")
    mine = {f[0]: f for f in reversed(list(_post_forms(html, url))) if form_owner.get(f[0]) == name}
    for _key, target, action, form in mine.values():
        fields = [f for f in form["fields"] if f != "csrfmiddlewaretoken"]
        # Repeated rows (``item-3-text``, ``item-4-text``) get the deep pass once per kind.
        kinds = {re.sub(r"\d+", "#", f): f for f in reversed(fields)}
        defaults = {k: v for k, v in form["fields"].items() if v is not None}
        # Every field at once with each payload.
        for key, value in PAYLOADS.items():
            data = _with_button(form, {**defaults, **dict.fromkeys(fields, value)})
            _check(office.post(action, data), f"{name} → {target} all={key}")
            office.force_login(world.users["office"])
        # Each field alone (the others as the page filled them), following to the page
        # that then shows what was saved.
        for field in kinds.values():
            data = _with_button(form, {**defaults, field: MIXED})
            response = office.post(action, data, follow=True)
            _check(response, f"{name} → {target} {field}=mixed")
            office.force_login(world.users["office"])
