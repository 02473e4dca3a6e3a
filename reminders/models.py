"""Reminders: the rules of a unit, what was sent to whom, in-app notifications, e-mail digests.

Exactly once: each reminder is one ``ReminderDelivery`` row, unique per (task, rule, due
occurrence, recipient); whoever inserts the row first sends it. E-mail goes out as one
``EmailDigest`` per person per day; a digest is claimed by a conditional UPDATE before it is
sent and keeps the text that was sent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Nhắc người chủ trì trước hạn (ngày làm việc)")
    ON_OVERDUE = "on_overdue", _("Nhắc người chủ trì vào ngày bắt đầu quá hạn")
    OVERDUE_REPEAT = "overdue_repeat", _("Nhắc lại người chủ trì khi còn quá hạn (mỗi … ngày)")
    OVERDUE_SUMMARY = (
        "overdue_summary",
        _("Tổng hợp nhiệm vụ quá hạn gửi Văn phòng và Trưởng ban (hằng tuần)"),
    )


PERSONAL_KINDS = (RuleKind.BEFORE_DUE, RuleKind.ON_OVERDUE, RuleKind.OVERDUE_REPEAT)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


class ReminderSetup(models.Model):
    """Marks a unit whose rules exist: defaults are created once, on first use, and an office
    that deletes every rule is not given the defaults again."""

    unit = models.OneToOneField(
        "units.Unit", on_delete=models.CASCADE, related_name="reminder_setup"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cấu hình nhắc việc")
        verbose_name_plural = _("cấu hình nhắc việc")

    def __str__(self) -> str:
        return str(self.unit)


class ReminderRule(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="reminder_rules")
    kind = models.CharField(_("loại nhắc"), max_length=20, choices=RuleKind.choices)
    days = models.IntegerField(
        _("số ngày"),
        default=0,
        help_text=_(
            "Trước hạn: số ngày làm việc trước hạn. Nhắc lại: cách nhau bao nhiêu ngày. "
            "Các loại khác: không dùng."
        ),
    )
    weekday = models.PositiveSmallIntegerField(
        _("gửi vào"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("quy tắc nhắc việc")
        verbose_name_plural = _("quy tắc nhắc việc")
        ordering = ["unit", "kind", "-days", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=0),
                name="reminder_rule_days_not_negative",
                violation_error_message=_("Số ngày không được là số âm."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="overdue_repeat") | Q(days__gte=1),
                name="reminder_rule_repeat_at_least_1",
                violation_error_message=_("Nhắc lại phải cách nhau ít nhất 1 ngày."),
            ),
        ]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        if self.kind == RuleKind.BEFORE_DUE:
            if self.days == 0:
                return str(_("Vào ngày đến hạn"))
            return str(_("%(days)s ngày làm việc trước hạn")) % {"days": self.days}
        if self.kind == RuleKind.ON_OVERDUE:
            return str(_("Ngày bắt đầu quá hạn"))
        if self.kind == RuleKind.OVERDUE_REPEAT:
            return str(_("Quá hạn, nhắc lại mỗi %(days)s ngày")) % {"days": self.days}
        return str(_("Tổng hợp quá hạn vào %(weekday)s hằng tuần")) % {
            "weekday": Weekday(self.weekday).label
        }


class NotificationPreference(models.Model):
    """The channels a user wants reminders on (both, by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    in_app = models.BooleanField(_("thông báo trong phần mềm"), default=True)
    email = models.BooleanField(_("thư điện tử (một thư tổng hợp mỗi ngày)"), default=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo")
        verbose_name_plural = _("lựa chọn nhận thông báo")

    def __str__(self) -> str:
        return str(self.user)


class NoticeKind(models.TextChoices):
    """The hand-offs that tell someone (``reminders.notify``); each person chooses per kind
    whether the daily e-mail also carries them."""

    TASK_ASSIGNED = "task_assigned", _("Được phân công nhiệm vụ, đổi hạn")
    URGING_LETTER = "urging_letter", _("Công văn đôn đốc gửi đến mình")
    MEETING_INVITATION = "meeting_invitation", _("Giấy mời họp")
    PETITION_HANDLER = "petition_handler", _("Được giao xử lý đơn")
    PETITION_EXTENDED = "petition_extended", _("Gia hạn giải quyết đơn")
    PETITION_OVERDUE = "petition_overdue", _("Đơn quá hạn")
    REPORT_SUBMITTED = "report_submitted", _("Báo cáo cấp dưới gửi lên")
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")
    REPORT_ACCEPTED = "report_accepted", _("Báo cáo được chấp nhận")


class NoticePreference(models.Model):
    """Whether a person wants one kind of notice also by e-mail (yes when there is no row)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("loại thông báo"), max_length=30, choices=NoticeKind.choices)
    email = models.BooleanField(_("nhận cả qua thư điện tử"), default=True)

    class Meta:
        verbose_name = _("cách nhận một loại thông báo")
        verbose_name_plural = _("cách nhận từng loại thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_notice_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}"


class Notification(models.Model):
    """One in-app notification (the bell). A notice of an event (``kind`` set) carries the
    event's ``key``, unique per person, so telling someone twice of one event inserts
    nothing; ``wants_email`` puts it in the person's next daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=NoticeKind.choices, blank=True)
    key = models.CharField(max_length=200, blank=True, editable=False)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    wants_email = models.BooleanField(default=False)
    digest = models.ForeignKey(
        "EmailDigest", on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell on every page: COUNT(*) WHERE user_id=? AND read_at IS NULL.
            models.Index(fields=["user"], name="notification_unread", condition=Q(read_at=None)),
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
            models.Index(
                fields=["user"],
                name="notice_awaiting_digest",
                condition=Q(digest=None, wants_email=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="one_notice_per_event_person"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def message(self) -> str:
        """As a digest lists it (like ``ReminderDelivery.message``)."""
        return f"{self.title}\n{self.body}".strip()


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")


class EmailDigest(models.Model):
    """The one e-mail of a person for a day, listing their reminders.

    Pending until the mail server accepts it; a failure leaves it pending with the error and
    the time of the next attempt (back-off)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_digests"
    )
    day = models.DateField(_("ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DigestStatus.choices, default=DigestStatus.PENDING
    )
    to_address = models.EmailField(_("gửi tới"), blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    body = models.TextField(_("nội dung đã gửi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lần tới"))
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    locked_by = models.CharField(max_length=120, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư tổng hợp")
        verbose_name_plural = _("thư tổng hợp")
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="one_digest_per_person_day")
        ]
        indexes = [
            # The sender: WHERE status='pending' AND next_attempt_at <= now.
            models.Index(
                fields=["next_attempt_at"],
                name="digest_pending_due",
                condition=Q(status="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.day:%d/%m/%Y}"


class ReminderDelivery(models.Model):
    """One reminder for one person: the row that makes it happen once."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="deliveries")
    task = models.ForeignKey(
        "programs.Task", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    occurrence = models.DateField(_("lần nhắc của ngày"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("nội dung"))
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    wants_email = models.BooleanField(default=False)
    digest = models.ForeignKey(
        EmailDigest, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lượt nhắc việc")
        verbose_name_plural = _("lượt nhắc việc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "rule", "occurrence", "recipient"],
                name="one_reminder_per_task_rule_occurrence_recipient",
            ),
            # Summaries have no task; NULLs are distinct in a unique index, so they need
            # their own.
            models.UniqueConstraint(
                fields=["rule", "occurrence", "recipient"],
                condition=Q(task=None),
                name="one_summary_per_rule_occurrence_recipient",
            ),
        ]
        indexes = [
            # Filling a digest: WHERE recipient_id=? AND digest_id IS NULL AND wants_email.
            models.Index(
                fields=["recipient"],
                name="delivery_awaiting_digest",
                condition=Q(digest=None, wants_email=True),
            )
        ]

    def __str__(self) -> str:
        return self.message[:80]
