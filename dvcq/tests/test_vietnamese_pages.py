"""Every page a demo role can reach, in Vietnamese, shows Vietnamese words for people: no
English interface words ("Select", "Quarters", "done:"), no period codes ("Q1", "every:6M"),
no Python values ("[]", "None") and no field names with underscores ("due_date").

The crawl starts at "/" for each role of ``dvcq load-demo`` and follows same-site links
without query strings, breadth first, skipping downloads, the API, the admin and logout,
and visiting at most two pages of one shape (two tasks, two meetings) to reach more kinds.
"""

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from accounts.models import User

ROLES = ["vanphong", "chutich", "thanhvien", "xem", "tinh"]
PAGES_PER_ROLE = 60
PAGES_PER_SHAPE = 2  # "/nhiem-vu/1/" and "/nhiem-vu/2/" share a shape; more adds nothing
SKIPPED_ENDINGS = (".docx", ".pdf", ".xlsx", ".ics", ".csv", ".zip")
SKIPPED_PREFIXES = ("/api/", "/admin/", "/accounts/logout", "/static/", "/media/")
SKIPPED_PARTS = ("/tai-ve/",)  # downloads: "/van-ban-di/chuong-trinh/1/tai-ve/docx/"

ENGLISH_WORDS = [
    "Select",
    "option",
    "Quarters?",
    "Save",
    "Delete",
    "Cancel",
    "Submit",
    "None",
    "True",
    "False",
    "Page",
    "of",
    "Next",
    "Previous",
    "Search",
    "Edit",
    "Back",
    "Yes",
    "No",
    "Unknown",
    "Required",
    "Currently",
    "Change",
    "Clear",
]
ENGLISH_RE = re.compile(r"(?<![\w/])(?:" + "|".join(ENGLISH_WORDS) + r")(?![\w/])")
DEVELOPER_RE = re.compile(
    r"\b(?:Q[1-4]|H[12]|M\d{1,2}|D:\d{4}|R:\d{4}|R:[QM]\d|after:\d{4}|every:\S+)(?![\w])"
    r"|done:|failures:|\[\]|\{'|\b[a-z]+_[a-z_]+\b"
)


class _Page(HTMLParser):
    """The visible text of a page and the links in it."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._switcher = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "form" and "lang" in (attrs.get("class") or "").split():
            self._switcher += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("placeholder", "title", "aria-label", "alt"):
            if attrs.get(name):
                self.text.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.text.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "form" and self._switcher:
            self._switcher -= 1

    def handle_data(self, data):
        if not self._hidden and not self._switcher and data.strip():
            self.text.append(data.strip())


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back at the end."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        ContentType.objects.clear_cache()
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()


def _followed(href: str) -> str | None:
    url, _fragment = urldefrag(href)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or parts.query or not parts.path.startswith("/"):
        return None
    path = parts.path
    if path.endswith(SKIPPED_ENDINGS) or path.startswith(SKIPPED_PREFIXES):
        return None
    if any(part in path for part in SKIPPED_PARTS):
        return None
    return path


def _problems(text: str) -> list[str]:
    found = [f"English {m.group(0)!r}" for m in ENGLISH_RE.finditer(text)]
    found += [f"code {m.group(0)!r}" for m in DEVELOPER_RE.finditer(text)]
    return found


def _crawl(client) -> dict[str, list[str]]:
    seen, queue, failures, shapes = {"/"}, deque(["/"]), {}, {}
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        path = queue.popleft()
        response = client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="vi")
        visited += 1
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        for line in page.text:
            if problems := _problems(line):
                failures.setdefault(path, []).append(f"{line[:80]!r}: {', '.join(problems)}")
        for href in page.links:
            target = _followed(href)
            if not target or target in seen:
                continue
            seen.add(target)
            shape = re.sub(r"\d+", "N", target)
            shapes[shape] = shapes.get(shape, 0) + 1
            if shapes[shape] <= PAGES_PER_SHAPE:
                queue.append(target)
    return failures


@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_a_demo_role_speaks_vietnamese(demo_loaded, db, client, username):
    client.force_login(User.objects.get(username=username))
    failures = _crawl(client)
    report = "\n".join(f"{path}: {line}" for path, lines in failures.items() for line in lines)
    assert not failures, report


def test_the_checks_catch_english_words_and_codes():
    assert _problems("- Select an option -")
    assert _problems("Quarters")
    assert _problems("done: [] failures: []")
    assert _problems("Thời gian: every:6M")
    assert _problems("Q1")
    assert _problems("Hạn: due_date")
    assert not _problems("Quý I · 6 tháng đầu năm · Hằng tháng · Từ ngày 01/03/2026")
