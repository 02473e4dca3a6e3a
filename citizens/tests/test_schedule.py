"""The reception schedule: holidays move a session to the next working day; the chairman's
weekly day is required; reception days reach the calendar feeds."""

import datetime

import pytest
from django.urls import reverse

from citizens import schedule
from citizens.models import ReceptionSlot
from followup.feeds import build_feed, issue_token

D = datetime.date


@pytest.fixture
def tuesday_slot(commune):
    return ReceptionSlot.objects.create(
        unit=commune,
        kind="chair",
        weekday=1,
        receiver="Chủ tịch UBND xã",
        place="Trụ sở UBND xã",
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 0),
        valid_from=D(2026, 1, 1),
    )


@pytest.mark.django_db
def test_a_holiday_moves_the_chairmans_day_to_the_next_working_day(commune, tuesday_slot):
    days = [s.day for s in schedule.sessions(commune, D(2026, 8, 24), D(2026, 9, 13))]
    # Tue 1/9 and Wed 2/9 are National Day: that week's reception is on Thu 3/9
    assert days == [D(2026, 8, 25), D(2026, 9, 3), D(2026, 9, 8)]


@pytest.mark.django_db
def test_the_schedule_page_warns_when_the_chairman_has_no_weekly_day(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("citizens:schedule")).content.decode()
    assert "ít nhất 01 ngày trong tuần" in page


@pytest.mark.django_db
def test_reception_days_are_in_the_calendar_feed(clerk, tuesday_slot):
    _token, _secret = issue_token(clerk, "unit")
    feed = build_feed(_token).decode()
    assert "Tiếp công dân" in feed
    assert "citizens-reception-" in feed
