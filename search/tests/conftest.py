"""Helpers for the search tests: objects made through the real services where they exist."""

import datetime

import pytest

from accounts.models import Role
from activities.models import Activity, ActivityKind
from citizens import services as citizens_services
from citizens.models import CaseType, Channel
from conftest import make_user
from search.query import parse
from search.services import search

DENOUNCER = "Lê Thị Bí Mật"
PETITIONER = "Nguyễn Văn Khiếu"


def find(user, text, **filters):
    """The (kind, object_id) pairs ``user`` finds for ``text``, in rank order."""
    results = search(user, parse(text), **filters)
    return [(e.kind, e.object_id) for e in results.entries]


def receive(unit, actor, *, case_type=CaseType.COMPLAINT, content, name=PETITIONER, summary=""):
    data = {
        "received_on": datetime.date(2026, 8, 3),
        "channel": Channel.POST,
        "case_type": case_type,
        "content": content,
        "summary": summary,
    }
    people = [{"name": name, "address": "Số 7 ngõ Hòe, Xóm 2", "id_number": "038190009999"}]
    return citizens_services.intake(unit=unit, actor=actor, data=data, people=people).petition


@pytest.fixture
def activity(commune):
    return Activity.objects.create(
        unit=commune,
        kind=ActivityKind.LEGAL,
        title="Phổ biến Luật Thực hiện dân chủ ở cơ sở",
        held_on=datetime.date(2023, 5, 10),
        place="Hội trường xã",
        organiser="Tư pháp xã",
        description="Tuyên truyền cho bà con xóm Thuỷ Lợi",
    )


@pytest.fixture
def charlie_viewer(other_commune):
    return make_user("charlie-viewer", other_commune, Role.VIEWER)
