"""Calendar feeds: what a subscribed calendar application receives, and who can get it."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from committee.models import CommitteeMember, CommitteeRole
from conftest import make_program
from followup.feeds import issue_token, register_source
from followup.models import FeedScope, FeedToken
from programs.models import ProgramStatus

SITE = "https://dvcq.example.vn"
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NAIVE = datetime.datetime(2026, 1, 1, 8)  # noqa: DTZ001 - a source's mistake, on purpose


@pytest.fixture(autouse=True)
def _site(settings, sources):
    """A known site address, and no event sources but the ones a test registers."""
    settings.DVCQ_SITE_URL = SITE


def feed_path(secret):
    return reverse("followup:feed", args=[secret])


def fetch(client, secret):
    response = client.get(feed_path(secret))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(cal):
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def tasks(program, seat, other_seat):
    """Task 1 led by the member, task 2 led by someone else with the member co-operating,
    task 3 nobody's."""
    first, second, third = program.tasks.order_by("position")
    first.responsible = seat
    first.save()
    second.responsible = other_seat
    second.save()
    second.cooperators.add(seat)
    return first, second, third


class TestFeedContent:
    def test_user_feed_has_the_deadlines_the_user_is_in_charge_of_or_helps_with(
        self, client, member_user, tasks
    ):
        _, secret = issue_token(member_user, FeedScope.USER)
        cal = fetch(client, secret)
        assert sorted(events(cal)) == [
            "Hạn: Nhiệm vụ số 1 tuyên truyền",
            "Hạn: Nhiệm vụ số 2 tuyên truyền",
        ]

    def test_a_deadline_is_an_all_day_event_with_status_people_and_link(
        self, client, member_user, tasks
    ):
        second = tasks[1]
        _, secret = issue_token(member_user, FeedScope.USER)
        event = events(fetch(client, secret))["Hạn: Nhiệm vụ số 2 tuyên truyền"]
        assert event.decoded("dtstart") == second.due_date
        assert isinstance(event.decoded("dtstart"), datetime.date)
        assert not isinstance(event.decoded("dtstart"), datetime.datetime)
        assert event.decoded("dtend") == second.due_date + datetime.timedelta(days=1)
        description = str(event["description"])
        assert "Trạng thái: Quá hạn" in description  # an open 2023 task
        assert "Chủ trì: Trần Văn Hùng" in description
        assert "Phối hợp: Phạm Văn Nam" in description
        assert str(event["url"]) == f"{SITE}/nhiem-vu/{second.pk}/"
        assert str(event["uid"]).endswith("@dvcq.example.vn")

    def test_a_long_task_text_is_shortened_in_the_summary(self, client, member_user, tasks):
        first = tasks[0]
        first.text = "Tuyên truyền " * 30
        first.save()
        _, secret = issue_token(member_user, FeedScope.USER)
        summaries = list(events(fetch(client, secret)))
        long = next(s for s in summaries if s.startswith("Hạn: Tuyên truyền"))
        assert long.endswith("…") and len(long) < 100

    def test_unit_feed_has_every_task_of_the_unit(self, client, viewer, tasks):
        _, secret = issue_token(viewer, FeedScope.UNIT)
        cal = fetch(client, secret)
        assert len(events(cal)) == 3
        assert "Xã Hưng Chính" in str(cal["x-wr-calname"])

    def test_draft_programs_stay_out(self, client, viewer, tasks, commune):
        make_program(commune, year=2024, tasks=2)
        draft = make_program(commune, year=2025, tasks=1)
        draft.status = ProgramStatus.DRAFT
        draft.save()
        _, secret = issue_token(viewer, FeedScope.UNIT)
        assert len(fetch(client, secret).walk("VEVENT")) == 5


class TestScope:
    def test_another_communes_tasks_never_appear(self, client, charlie, viewer, tasks):
        other = make_program(charlie.unit, tasks=2)
        other.tasks.update(text="Việc riêng của xã khác")
        # A seat in the other commune linked to the member's account must not leak either.
        seat = CommitteeMember.objects.create(
            unit=charlie.unit,
            full_name="Người xã khác",
            committee_role=CommitteeRole.MEMBER,
            office_title="x",
            user=viewer,
        )
        other.tasks.first().cooperators.add(seat)
        for scope in FeedScope.values:
            _, secret = issue_token(viewer, scope)
            uids = [str(e["summary"]) for e in fetch(client, secret).walk("VEVENT")]
            assert not any("xã khác" in uid for uid in uids)
        _, secret = issue_token(charlie, FeedScope.UNIT)
        summaries = list(events(fetch(client, secret)))
        assert summaries and all("xã khác" in s for s in summaries)

    def test_province_sees_its_communes(self, client, province_viewer, tasks, other_program):
        _, secret = issue_token(province_viewer, FeedScope.UNIT)
        assert len(fetch(client, secret).walk("VEVENT")) == 6


class TestTokens:
    def test_wrong_token_is_404(self, client, member_user, tasks):
        issue_token(member_user, FeedScope.USER)
        assert client.get(feed_path("not-a-real-token")).status_code == 404

    def test_revoked_token_is_404(self, client, member_user, tasks):
        token, secret = issue_token(member_user, FeedScope.USER)
        client.force_login(member_user)
        client.post(reverse("followup:feed_token_revoke", args=[token.pk]))
        client.logout()
        assert client.get(feed_path(secret)).status_code == 404

    def test_deactivated_user_feed_is_404(self, client, member_user, tasks):
        _, secret = issue_token(member_user, FeedScope.USER)
        member_user.is_active = False
        member_user.save()
        assert client.get(feed_path(secret)).status_code == 404

    def test_only_the_hash_is_stored(self, member_user):
        token, secret = issue_token(member_user, FeedScope.USER)
        stored = FeedToken.objects.values_list("token_hash", "hint").get(pk=token.pk)
        assert secret not in stored[0] and len(stored[0]) == 64
        assert secret.startswith(stored[1])


class TestPage:
    def test_needs_login(self, client, db):
        response = client.get(reverse("followup:feed_tokens"))
        assert response.status_code == 302

    def test_create_shows_the_address_once_and_it_works(self, client, member_user, tasks):
        client.force_login(member_user)
        response = client.post(
            reverse("followup:feed_token_create"), {"scope": "user"}, follow=True
        )
        page = response.content.decode()
        urls = re.findall(rf"{re.escape(SITE)}/theo-doi/lich/[\w-]+\.ics", page)
        assert len(urls) == 1
        again = client.get(reverse("followup:feed_tokens")).content.decode()
        assert urls[0] not in again
        assert "Nhiệm vụ của tôi" in again  # the token is listed, without its secret
        client.logout()
        cal = fetch(client, urls[0].removeprefix(SITE).removeprefix("/theo-doi/lich/")[:-4])
        assert len(cal.walk("VEVENT")) == 2

    def test_bad_scope_creates_nothing(self, client, member_user):
        client.force_login(member_user)
        client.post(reverse("followup:feed_token_create"), {"scope": "everyone"})
        assert not FeedToken.objects.exists()

    def test_revoke_is_post_only_and_own_tokens_only(self, client, member_user, viewer):
        token, _ = issue_token(viewer, FeedScope.UNIT)
        client.force_login(member_user)
        url = reverse("followup:feed_token_revoke", args=[token.pk])
        assert client.get(url).status_code == 405
        assert client.post(url).status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None

    def test_revoked_tokens_move_to_their_own_list(self, client, member_user):
        token, _ = issue_token(member_user, FeedScope.UNIT)
        client.force_login(member_user)
        response = client.post(reverse("followup:feed_token_revoke", args=[token.pk]), follow=True)
        page = response.content.decode()
        assert "Đã thu hồi địa chỉ lịch" in page
        assert "Chưa có địa chỉ lịch nào." in page


class TestSources:
    def test_registered_sources_add_events(self, client, member_user, tasks, sources):
        calls = []

        def meetings(unit, user):
            calls.append((unit, user))
            yield {
                "uid": "meetings-meeting-1",
                "start": datetime.datetime(2026, 7, 3, 8, 0, tzinfo=HANOI),
                "end": datetime.datetime(2026, 7, 3, 11, 0, tzinfo=HANOI),
                "summary": "Họp Ban Chỉ đạo 6 tháng",
                "description": "Sơ kết 6 tháng",
                "url": "/hop/1/",
            }
            yield {"uid": "activities-1", "start": datetime.date(2026, 5, 1), "summary": "Ra quân"}

        register_source(meetings)
        register_source(meetings)  # a second ready() call does not double the events
        _, user_secret = issue_token(member_user, FeedScope.USER)
        found = events(fetch(client, user_secret))
        meeting = found["Họp Ban Chỉ đạo 6 tháng"]
        assert meeting.decoded("dtstart") == datetime.datetime(
            2026, 7, 3, 1, 0, tzinfo=datetime.UTC
        )
        assert str(meeting["url"]) == f"{SITE}/hop/1/"
        assert found["Ra quân"].decoded("dtstart") == datetime.date(2026, 5, 1)
        _, unit_secret = issue_token(member_user, FeedScope.UNIT)
        fetch(client, unit_secret)
        assert calls == [(member_user.unit, member_user)] * 2

    def test_a_failing_source_or_bad_event_leaves_the_rest(
        self, client, member_user, tasks, sources
    ):
        def broken(unit, user):
            raise RuntimeError("boom")

        def sloppy(unit, user):
            return [
                {"uid": "x-1", "start": NAIVE, "summary": "Giờ mơ hồ"},
                {"uid": "x-2", "summary": "Không có ngày"},
                {"uid": "x-3", "start": datetime.date(2026, 1, 2), "summary": "Hợp lệ"},
            ]

        register_source(broken)
        register_source(sloppy)
        _, secret = issue_token(member_user, FeedScope.USER)
        summaries = set(events(fetch(client, secret)))
        assert "Hợp lệ" in summaries
        assert not summaries & {"Giờ mơ hồ", "Không có ngày"}
        assert len(summaries) == 3
