"""Petitions and reception visits: a denouncer's identity and a denunciation's content never
appear in any API answer, whoever asks."""

import datetime
import json

import pytest

from api.models import TokenScope
from citizens import services
from citizens.models import CaseType, Channel

DENOUNCER = "Lê Thị Bí Mật"
SECRET_CONTENT = "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận"
COMPLAINANT = "Nguyễn Văn An"


@pytest.fixture
def cases(commune, clerk):
    day = datetime.date(2026, 8, 3)
    denunciation = services.intake(
        unit=commune,
        actor=clerk,
        data={
            "received_on": day,
            "channel": Channel.POST,
            "case_type": CaseType.DENUNCIATION,
            "content": SECRET_CONTENT,
            "summary": "Tố cáo hành vi của cán bộ trong thủ tục đất đai",
        },
        people=[{"name": DENOUNCER, "address": "Số 7 ngõ Hòe", "id_number": "038190009999"}],
    ).petition
    complaint = services.intake(
        unit=commune,
        actor=clerk,
        data={
            "received_on": day,
            "channel": Channel.POST,
            "case_type": CaseType.COMPLAINT,
            "content": "Khiếu nại quyết định thu hồi đất thửa số 12",
        },
        people=[{"name": COMPLAINANT, "address": "Xóm 1"}],
    ).petition
    visit, _ = services.record_visit(
        unit=commune,
        actor=clerk,
        data={
            "date": day,
            "name": DENOUNCER,
            "address": "Số 7 ngõ Hòe",
            "id_number": "038190009999",
            "content": SECRET_CONTENT,
            "case_type": CaseType.DENUNCIATION,
            "within_competence": True,
        },
    )
    return {"denunciation": denunciation, "complaint": complaint, "visit": visit}


def _all_text(client, cases) -> str:
    pages = [
        client.get("/api/v1/petitions/"),
        client.get(f"/api/v1/petitions/{cases['denunciation'].pk}/"),
        client.get("/api/v1/petitions/", {"case_type": "denunciation"}),
        client.get("/api/v1/visits/"),
        client.get(f"/api/v1/visits/{cases['visit'].pk}/"),
    ]
    assert all(p.status_code == 200 for p in pages), [p.content for p in pages]
    return " ".join(json.dumps(p.json(), ensure_ascii=False) for p in pages)


@pytest.mark.parametrize("persona", ["clerk", "chair", "viewer", "province_viewer"])
def test_denouncer_and_denunciation_content_never_leave(api, cases, persona, request):
    """Even the clerk, who is the assigned handler and may reveal it on the web."""
    user = request.getfixturevalue(persona)
    text = _all_text(api(user, TokenScope.READ_WRITE), cases)
    for secret in (DENOUNCER, "038190009999", "Số 7 ngõ Hòe", SECRET_CONTENT, "nhận tiền"):
        assert secret not in text
    assert COMPLAINANT not in text  # identities stay on the web pages, after a logged reveal


def test_ordinary_petition_content_and_denunciation_summary_are_listed(api, clerk, cases):
    rows = {r["id"]: r for r in api(clerk).get("/api/v1/petitions/").json()["results"]}
    denunciation = rows[cases["denunciation"].pk]
    assert denunciation["is_denunciation"] is True
    assert denunciation["content"] is None
    assert denunciation["summary"] == "Tố cáo hành vi của cán bộ trong thủ tục đất đai"
    assert rows[cases["complaint"].pk]["content"] == "Khiếu nại quyết định thu hồi đất thửa số 12"
    visit = api(clerk).get(f"/api/v1/visits/{cases['visit'].pk}/").json()
    assert visit["content"] is None
    assert "sealed" not in visit and "name" not in visit


def test_another_commune_sees_no_petition(api, charlie, cases):
    assert api(charlie).get("/api/v1/petitions/").json()["count"] == 0
    assert api(charlie).get(f"/api/v1/petitions/{cases['complaint'].pk}/").status_code == 404
    assert api(charlie).get(f"/api/v1/visits/{cases['visit'].pk}/").status_code == 404


def test_petitions_filter_by_status_and_dates(api, clerk, cases):
    client = api(clerk)
    assert client.get("/api/v1/petitions/", {"status": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/petitions/", {"date_from": "2026-08-03"}).json()["count"] == 2
    assert client.get("/api/v1/petitions/", {"date_to": "2026-08-02"}).json()["count"] == 0
    assert client.get("/api/v1/visits/", {"year": 2026}).json()["count"] == 1
