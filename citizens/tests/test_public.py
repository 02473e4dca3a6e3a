"""The public page without login and the rate-limited status lookup."""

import datetime

import pytest
from django.urls import reverse

from citizens import public
from citizens.models import ReceptionSlot
from citizens.tests.conftest import receive
from programs.models import ProgramStatus

D = datetime.date


@pytest.fixture
def received(commune, clerk):
    return receive(commune, clerk, day=D(2026, 9, 1))


def lookup(client, code, pin, ip="10.0.0.1"):
    return client.post(reverse("citizens:lookup"), {"code": code, "pin": pin}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_the_right_code_and_pin_show_the_status_and_its_dates_and_nothing_else(client, received):
    petition = received.petition
    petition.refresh_from_db()
    assert petition.next_due is not None
    response = lookup(client, petition.receipt_code.lower(), received.pin)
    page = response.content.decode()
    assert "Đã tiếp nhận, đang xử lý đơn" in page
    assert "Ngày tiếp nhận: 01/09/2026" in page
    assert f"{petition.next_due:%d/%m/%Y}" in page and "bước tiếp theo" in page
    assert "Ngày kết thúc" not in page
    assert "Nguyễn Văn An" not in page
    assert "thu hồi đất" not in page


@pytest.mark.django_db
def test_a_closed_case_shows_the_day_it_closed_and_no_time_limit(client, received):
    from citizens.models import Petition, Status

    Petition.objects.filter(pk=received.petition.pk).update(
        status=Status.CLOSED, closed_on=D(2026, 9, 20)
    )
    page = lookup(client, received.petition.receipt_code, received.pin).content.decode()
    assert "Đã kết thúc xử lý" in page
    assert "Ngày kết thúc xử lý: 20/09/2026" in page
    assert "bước tiếp theo" not in page


@pytest.mark.django_db
def test_a_wrong_pin_and_an_unknown_code_get_the_same_answer(client, received):
    wrong_pin = lookup(client, received.petition.receipt_code, "000000").content.decode()
    unknown = lookup(client, "DT-ZZZZ-ZZZZ", received.pin).content.decode()
    message = "Mã tiếp nhận hoặc mã PIN không đúng."
    assert message in wrong_pin and message in unknown
    assert "Đã tiếp nhận" not in wrong_pin and "Đã tiếp nhận" not in unknown


@pytest.mark.django_db
def test_brute_forcing_a_pin_is_blocked_even_for_the_right_pin(client, received):
    code = received.petition.receipt_code
    for n in range(public.CODE_LIMIT):
        lookup(client, code, f"{n:06d}", ip=f"10.0.1.{n}")
    response = lookup(client, code, received.pin, ip="10.0.2.1")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert "Đã tiếp nhận" not in response.content.decode()


@pytest.mark.django_db
def test_one_address_trying_many_codes_is_blocked(client, received):
    for n in range(public.IP_LIMIT):
        lookup(client, f"DT-AAAA-{n:04d}", "123456", ip="10.9.9.9")
    blocked = lookup(client, received.petition.receipt_code, received.pin, ip="10.9.9.9")
    assert blocked.status_code == 429
    assert (
        lookup(client, received.petition.receipt_code, received.pin, ip="10.9.9.8").status_code
        == 200
    )


@pytest.mark.django_db
def test_the_public_page_needs_no_login_and_shows_schedule_and_program(client, commune, program):
    program.status = ProgramStatus.ISSUED
    program.save()
    ReceptionSlot.objects.create(
        unit=commune,
        kind="chair",
        weekday=3,
        receiver="Chủ tịch UBND xã Nguyễn Văn Chủ",
        place="Trụ sở UBND xã",
        start_time=datetime.time(7, 30),
        end_time=datetime.time(11, 0),
        valid_from=D(2026, 1, 1),
    )
    page = client.get(reverse("citizens:public", args=[commune.code]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Chủ tịch UBND xã Nguyễn Văn Chủ" in text
    assert program.title in text
    assert "Tra cứu tình trạng đơn" in text
