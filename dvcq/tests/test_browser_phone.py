"""On a 360 × 740 phone no page scrolls sideways: each demo role walks the pages its own
links lead to (breadth first, from the dashboard), and on every page the document is no
wider than the screen. Wide tables scroll inside their own box instead."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
DEMO_PASSWORD = "demo-dvcq-2023"  # the demo's published password
# Downloads, feeds and pages that leave the site's frame are not pages to look at.
NOT_PAGES = (".docx", ".pdf", ".xlsx", ".ics", ".json", "/api/", "/quan-tri/", "/dang-xuat")
PAGES_PER_ROLE = {"vanphong": 45, "tinh": 15, "thanhvien": 15}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !el.closest('table, pre, .table-wrap');
  }).slice(0, 3);
  const name = el => el.tagName + '.' + el.getAttribute('class') + ' '
    + Math.round(el.getBoundingClientRect().right);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.map(name)};
}"""


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)"
    )
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue
        if any(marker in parts.path for marker in NOT_PAGES):
            continue
        found.append(parts.path)
    return found


def _walk(page, base: str, limit: int) -> dict[str, dict]:
    """Breadth first from the dashboard; the pages that scroll sideways, with why."""
    seen, queue, wide = set(), ["/"], {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(base + path)
        if response is None or response.status >= 400:
            continue
        measured = page.evaluate(OVERFLOW)
        if measured["scroll"] > measured["width"]:
            wide[path] = measured
        queue.extend(p for p in _links(page, base) if p not in seen)
    assert len(seen) >= min(limit, 10), f"only {len(seen)} pages reached"
    return wide


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser_page):
    call_command("load_demo", stdout=StringIO())
    page = browser_page
    page.set_viewport_size(PHONE)
    problems = {}
    for username, limit in PAGES_PER_ROLE.items():
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        for path, measured in _walk(page, live_server.url, limit).items():
            problems[f"{username} {path}"] = measured
    assert not problems, "\n".join(f"{where}: {why}" for where, why in problems.items())
