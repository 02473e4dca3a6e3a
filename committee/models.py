"""The steering committee for government mass mobilization of a unit.

A member's seat is kept as history: when the committee is reconstituted (kiện toàn) by a new
decision, the old seats get an end date and new seats are created, so who sat on the
committee on any day can still be read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AppointmentDecision(models.Model):
    """The decision (quyết định) that set up or reconstituted the committee."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="committee_decisions"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    summary = models.CharField(_("trích yếu"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quyết định thành lập/kiện toàn")
        verbose_name_plural = _("quyết định thành lập/kiện toàn")
        ordering = ["unit", "-signed_on"]

    def __str__(self) -> str:
        return f"{self.number} ngày {self.signed_on:%d/%m/%Y}"


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó trưởng ban")
    MEMBER = "member", _("Thành viên")


ROLE_ORDER = {CommitteeRole.HEAD: 0, CommitteeRole.DEPUTY: 1, CommitteeRole.MEMBER: 2}


class CommitteeMemberQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(start_date__lte=day) | Q(start_date__isnull=True)).filter(
            Q(end_date__gte=day) | Q(end_date__isnull=True)
        )

    def current(self):
        return self.filter(end_date__isnull=True)


class CommitteeMember(models.Model):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="committee_members"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("tài khoản"),
    )
    committee_role = models.CharField(
        _("chức danh trong Ban"), max_length=20, choices=CommitteeRole.choices
    )
    office_title = models.CharField(
        _("chức vụ, đơn vị công tác"),
        max_length=200,
        help_text=_("Ví dụ: Chủ tịch UBND xã; Công chức Văn phòng - Thống kê"),
    )
    decision = models.ForeignKey(
        AppointmentDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("quyết định"),
    )
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    hamlets = models.ManyToManyField(
        "units.Hamlet", blank=True, related_name="followers", verbose_name=_("xóm theo dõi")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = CommitteeMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên Ban Chỉ đạo")
        verbose_name_plural = _("thành viên Ban Chỉ đạo")
        ordering = ["unit", "end_date", "position", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="committee_member_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_committee_role_display()})"

    @property
    def is_current(self) -> bool:
        return self.end_date is None
