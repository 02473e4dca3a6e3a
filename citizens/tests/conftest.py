"""Helpers for the citizens tests: petitions received through the real intake service."""

import datetime

import pytest
from django.core.cache import cache

from citizens import services
from citizens.models import CaseType, Channel, StepKind

DENOUNCER = "Lê Thị Bí Mật"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def list_page(client, **params):
    """The petition list as the search form sends it: posted, then the redirect followed
    (only the page's filters are in the query string, never the words)."""
    from django.urls import reverse

    if "q" in params:
        return client.post(reverse("citizens:list"), params, follow=True)
    return client.get(reverse("citizens:list"), params)


def receive(unit, actor, *, day, case_type=CaseType.COMPLAINT, people=None, **extra):
    data = {
        "received_on": day,
        "channel": Channel.POST,
        "case_type": case_type,
        "content": extra.pop("content", "Khiếu nại quyết định thu hồi đất thửa số 12 tờ bản đồ 5"),
        **extra,
    }
    if people is None:
        people = [{"name": "Nguyễn Văn An", "address": "Xóm 1"}]
    return services.intake(unit=unit, actor=actor, data=data, people=people)


def step(petition, actor, kind, day, **extra):
    return services.add_step(petition=petition, actor=actor, kind=kind, date=day, **extra)


@pytest.fixture
def denunciation(commune, clerk):
    """A denunciation received by the clerk (so the clerk is its assigned handler)."""
    return receive(
        commune,
        clerk,
        day=datetime.date(2026, 8, 3),
        case_type=CaseType.DENUNCIATION,
        content="Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận",
        summary="Tố cáo cán bộ địa chính sai phạm khi làm thủ tục đất đai",
        people=[
            {
                "name": DENOUNCER,
                "address": "Số 7 ngõ Hòe, Xóm 2",
                "id_number": "038190009999",
                "contact": "0912000111",
            }
        ],
    ).petition


__all__ = ["DENOUNCER", "StepKind", "receive", "step"]
