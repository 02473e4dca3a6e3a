"""Meetings of the steering committee: the half-year ones the program sets ("6 tháng/lần")
and the ad hoc ones.

A meeting invites the committee's current members; each invitation then records whether the
member came (or why not). The minutes keep the discussion, and each conclusion becomes a task
of the unit's program for the meeting's year, with a person in charge and a due date.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Họp định kỳ 6 tháng")
    AD_HOC = "ad_hoc", _("Họp đột xuất")


class Meeting(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("loại cuộc họp"), max_length=20, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("thời gian bắt đầu"))
    ends_at = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    chair = models.ForeignKey(
        "committee.CommitteeMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("chủ trì"),
    )
    secretary = models.CharField(_("thư ký"), max_length=120, blank=True)
    agenda = models.TextField(_("nội dung"))
    discussion = models.TextField(_("ý kiến thảo luận"), blank=True)
    invitation_number = models.CharField(
        _("số giấy mời"),
        max_length=60,
        blank=True,
        help_text=_("Để trống nếu chưa lấy số; giấy mời để chỗ trống cho số."),
    )
    source_task = models.ForeignKey(
        "programs.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("nhiệm vụ định kỳ"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cuộc họp Ban Chỉ đạo")
        verbose_name_plural = _("cuộc họp Ban Chỉ đạo")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="meeting_unit_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.local_start:%d/%m/%Y}"

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def day(self):
        return self.local_start.date()


class Attendance(models.TextChoices):
    INVITED = "invited", _("Đã mời")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class Invitation(models.Model):
    """A member invited to a meeting, and whether they came. The name and office are copied
    so that the minutes read the same after the committee changes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(
        "committee.CommitteeMember",
        on_delete=models.SET_NULL,
        null=True,
        related_name="meeting_invitations",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    committee_role = models.CharField(_("chức danh trong Ban"), max_length=60, blank=True)
    office_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    attendance = models.CharField(
        _("tham dự"), max_length=10, choices=Attendance.choices, default=Attendance.INVITED
    )
    absence_reason = models.CharField(_("lý do vắng"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thành phần mời")
        verbose_name_plural = _("thành phần mời")
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_invitation_per_member")
        ]

    def __str__(self) -> str:
        return self.full_name


class Conclusion(models.Model):
    """One conclusion of a meeting, carried out as a task of the unit's program."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("nội dung kết luận"))
    responsible = models.ForeignKey(
        "committee.CommitteeMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chủ trì"),
    )
    due_date = models.DateField(_("hạn hoàn thành"))
    task = models.OneToOneField(
        "programs.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_conclusion",
        verbose_name=_("nhiệm vụ"),
    )

    class Meta:
        verbose_name = _("kết luận cuộc họp")
        verbose_name_plural = _("kết luận cuộc họp")
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]
