"""The Vietnamese working-day calendar: 2026 holidays, announced swaps, deadline counting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup.calendar import (
    add_calendar_days,
    add_working_days,
    end_of_period,
    is_working_day,
    next_occurrence,
    roll_forward,
    working_days_between,
)
from followup.models import CalendarOverride, OverrideKind
from followup.services import add_overrides

D = datetime.date

# 2026 New Year: Fri 2/1 off, Sat 10/1 worked in exchange; approved by the Government Office
# dispatch 12729/VPCP-KGVX of 25/12/2025 (legal-facts §3.2). `holidays` 0.108 does not know it.
NEW_YEAR_2026_SWAP = [
    {
        "date": D(2026, 1, 2),
        "kind": OverrideKind.DAY_OFF,
        "reason": "Nghỉ Tết Dương lịch 2026, hoán đổi với thứ Bảy 10/01/2026",
        "document_number": "12729/VPCP-KGVX",
        "document_date": D(2025, 12, 25),
    },
    {
        "date": D(2026, 1, 10),
        "kind": OverrideKind.WORKING_DAY,
        "reason": "Làm bù cho thứ Sáu 02/01/2026",
        "document_number": "12729/VPCP-KGVX",
        "document_date": D(2025, 12, 25),
    },
]


def days(start, end):
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


@pytest.fixture
def new_year_swap(db):
    return add_overrides(NEW_YEAR_2026_SWAP)


class TestHolidays2026:
    def test_tet_is_off_from_saturday_14_to_sunday_22_february(self, db):
        # The announced schedule (Sat 14/2 - Sun 22/2, 27 Chạp - mùng 6) adds no weekday to
        # what `holidays` 0.108 gives (16-20/2) plus the two weekends: no override is needed.
        assert not any(is_working_day(d) for d in days(D(2026, 2, 14), D(2026, 2, 22)))
        assert is_working_day(D(2026, 2, 13))
        assert is_working_day(D(2026, 2, 23))

    def test_announcing_an_extra_tet_day_that_is_already_off_is_refused(self, db):
        with pytest.raises(ValidationError, match="vốn đã là ngày nghỉ"):
            CalendarOverride.objects.create(
                date=D(2026, 2, 14),
                kind=OverrideKind.DAY_OFF,
                reason="Nghỉ Tết Nguyên đán",
                document_number="01/TB-BNV",
                document_date=D(2025, 12, 1),
            )

    def test_new_year_swap_needs_the_announced_overrides(self, db):
        assert not is_working_day(D(2026, 1, 1))
        assert is_working_day(D(2026, 1, 2))
        assert not is_working_day(D(2026, 1, 10))
        add_overrides(NEW_YEAR_2026_SWAP)
        assert not is_working_day(D(2026, 1, 2))
        assert is_working_day(D(2026, 1, 10))

    def test_new_year_swap_moves_a_deadline(self, new_year_swap):
        # One working day after 31/12/2025: 1/1 holiday, 2/1 swapped off, 3-4/1 weekend.
        assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
        # The make-up Saturday counts: Mon 5/1 to Mon 12/1 is 6 working days, not 5.
        assert working_days_between(D(2026, 1, 5), D(2026, 1, 12)) == 6

    def test_gio_to_on_sunday_gives_compensatory_monday(self, db):
        assert not is_working_day(D(2026, 4, 26))
        assert not is_working_day(D(2026, 4, 27))
        assert is_working_day(D(2026, 4, 28))
        # A 10-day period from 17/4 ends on Mon 27/4, a day off: it ends on Tue 28/4.
        assert add_calendar_days(D(2026, 4, 17), 10) == D(2026, 4, 28)

    def test_30_april_and_1_may(self, db):
        assert roll_forward(D(2026, 4, 30)) == D(2026, 5, 4)

    def test_national_day_with_its_adjacent_days(self, db):
        assert [is_working_day(d) for d in days(D(2026, 8, 31), D(2026, 9, 3))] == [
            False,  # Mon 31/8, swapped with Sat 22/8
            False,  # Tue 1/9, the adjacent day
            False,  # Wed 2/9
            True,
        ]
        assert is_working_day(D(2026, 8, 22))  # the make-up Saturday
        assert roll_forward(D(2026, 8, 29)) == D(2026, 9, 3)


class TestCounting:
    def test_the_event_day_is_not_counted(self, db):
        assert add_calendar_days(D(2026, 3, 2), 3) == D(2026, 3, 5)
        assert add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)  # Fri → Mon
        assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0

    def test_a_calendar_period_ending_on_a_day_off_ends_on_the_next_working_day(self, db):
        # 5 days from Mon 9/2/2026 is Sat 14/2, the first day of Tết: ends Mon 23/2.
        assert add_calendar_days(D(2026, 2, 9), 5) == D(2026, 2, 23)

    def test_working_days_skip_tet(self, db):
        assert add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 23)
        assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
        assert working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == -1

    def test_negative_working_days_count_back(self, new_year_swap):
        assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
        # Two working days before Mon 5/1/2026: 2/1 and 1/1 are off, so Tue 30/12/2025.
        assert add_working_days(D(2026, 1, 5), -2) == D(2025, 12, 30)

    def test_negative_calendar_days_land_before_not_after(self, db):
        # 3 days before Tue 24/2/2026 is Sat 21/2 (Tết): the last working day before is 13/2.
        assert add_calendar_days(D(2026, 2, 24), -3) == D(2026, 2, 13)

    def test_roll_forward_keeps_a_working_day(self, db):
        assert roll_forward(D(2026, 3, 4)) == D(2026, 3, 4)


class TestPeriods:
    def test_end_of_period(self, db):
        assert end_of_period("month", D(2026, 2, 3)) == D(2026, 2, 28)
        assert end_of_period("quarter", D(2026, 5, 15)) == D(2026, 6, 30)
        assert end_of_period("half", D(2026, 7, 1)) == D(2026, 12, 31)
        assert end_of_period("year", D(2026, 1, 1)) == D(2026, 12, 31)

    def test_end_of_period_rolled_to_a_working_day(self, db):
        assert end_of_period("month", D(2026, 1, 20)) == D(2026, 1, 31)  # a Saturday
        assert end_of_period("month", D(2026, 1, 20), roll=True) == D(2026, 2, 2)
        with pytest.raises(ValueError):
            end_of_period("week", D(2026, 1, 1))

    def test_next_occurrence(self, db):
        assert next_occurrence("every:6M", D(2026, 3, 1)) == D(2026, 6, 30)
        assert next_occurrence("every:6M", D(2026, 6, 30)) == D(2026, 12, 31)
        assert next_occurrence("every:6M", D(2026, 12, 31)) == D(2027, 6, 30)
        assert next_occurrence("every:1M", D(2026, 1, 31)) == D(2026, 2, 28)
        assert next_occurrence("every:1W", D(2026, 4, 1)) == D(2026, 4, 5)  # Wed → Sun
        assert next_occurrence("every:1W", D(2026, 4, 5)) == D(2026, 4, 12)
        assert next_occurrence("every:1M", D(2026, 1, 15), roll=True) == D(2026, 2, 2)
        for rule in ("every:5M", "every:2W", "monthly", ""):
            with pytest.raises(ValueError):
                next_occurrence(rule, D(2026, 1, 1))


class TestOverrides:
    def override(self, **fields):
        return {
            "reason": "Thử",
            "document_number": "01/TB-BNV",
            "document_date": D(2026, 1, 5),
            **fields,
        }

    def test_working_day_override_on_a_working_day_is_refused(self, db):
        with pytest.raises(ValidationError) as error:
            add_overrides([self.override(date=D(2026, 3, 9), kind=OverrideKind.WORKING_DAY)])
        assert "09/03/2026 vốn đã là ngày làm việc" in str(error.value)

    def test_a_date_cannot_be_both_off_and_working(self, db):
        add_overrides([self.override(date=D(2026, 3, 9), kind=OverrideKind.DAY_OFF)])
        with pytest.raises(ValidationError, match="không thể vừa là ngày nghỉ vừa là ngày làm"):
            add_overrides([self.override(date=D(2026, 3, 9), kind=OverrideKind.DAY_OFF)])
        with pytest.raises(ValidationError, match="mâu thuẫn"):
            add_overrides(
                [
                    self.override(date=D(2026, 3, 10), kind=OverrideKind.DAY_OFF),
                    self.override(date=D(2026, 3, 10), kind=OverrideKind.WORKING_DAY),
                ]
            )
        assert list(CalendarOverride.objects.values_list("date", flat=True)) == [D(2026, 3, 9)]

    def test_nothing_is_half_saved(self, db):
        with pytest.raises(ValidationError):
            add_overrides(
                [
                    self.override(date=D(2026, 3, 13), kind=OverrideKind.DAY_OFF),
                    self.override(date=D(2026, 3, 14), kind=OverrideKind.DAY_OFF),  # Saturday
                ]
            )
        assert not CalendarOverride.objects.exists()
        assert is_working_day(D(2026, 3, 13))

    def test_the_announcing_document_is_required(self, db):
        with pytest.raises(ValidationError) as error:
            add_overrides(
                [self.override(date=D(2026, 3, 13), kind=OverrideKind.DAY_OFF, document_number="")]
            )
        assert "document_number" in error.value.message_dict

    def test_saving_and_deleting_an_override_takes_effect_at_once(self, db):
        day = D(2026, 3, 13)
        assert is_working_day(day)  # now cached
        (override,) = add_overrides([self.override(date=day, kind=OverrideKind.DAY_OFF)])
        assert not is_working_day(day)
        override.delete()
        assert is_working_day(day)

    def test_many_deadlines_do_not_query_each_time(self, new_year_swap, django_assert_num_queries):
        is_working_day(D(2026, 1, 1))
        with django_assert_num_queries(0):
            deadlines = [add_working_days(D(2026, 1, 1), n) for n in range(1, 200)]
        assert deadlines[0] == D(2026, 1, 5)

    def test_admin_refuses_a_bad_override_in_vietnamese(self, client, province):
        from accounts.models import User

        admin = User.objects.create_superuser(username="root", password="x-pass-123")
        client.force_login(admin)
        response = client.post(
            "/quan-tri/followup/calendaroverride/add/",
            {
                "date": "14/02/2026",
                "kind": "off",
                "reason": "Nghỉ Tết",
                "document_number": "01/TB-BNV",
                "document_date": "01/12/2025",
            },
        )
        assert response.status_code == 200
        assert "14/02/2026 vốn đã là ngày nghỉ" in response.content.decode()
        assert not CalendarOverride.objects.exists()
