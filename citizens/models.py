"""Citizen reception and petitions (đơn thư): what is stored.

- ``TimeLimitRule``: the law's time limits as data (legal-facts §1), each with its legal basis
  and effective dates; a case's deadlines use the rules in force on its receipt date.
- ``Petition`` with its ``Petitioner`` rows, ``HandlingStep`` rows (date and document number of
  each step), ``Extension`` decisions and ``PetitionAttachment`` files.
- ``ReceptionSlot`` (the published schedule) and ``Visit`` (the reception register).
- ``IdentityView``: every time someone reveals a denouncer's identity, who, when and why.

Identity data (names, addresses, identity numbers, contacts) live only in ``sealed`` columns,
Fernet-encrypted with ``settings.DVCQ_IDENTITY_KEY`` (``citizens.crypto``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PETITION = "petition", _("Kiến nghị, phản ánh")
    MIXED = "mixed", _("Nhiều nội dung")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp tại nơi tiếp công dân")
    POST = "post", _("Qua bưu chính")
    FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")
    DEPUTIES = "deputies", _("Đại biểu dân cử, MTTQ chuyển đến")
    ONLINE = "online", _("Cổng trực tuyến của xã")


class Competence(models.TextChoices):
    WITHIN = "within", _("Thuộc thẩm quyền")
    OUTSIDE = "outside", _("Không thuộc thẩm quyền")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Không phức tạp")
    COMPLEX = "complex", _("Phức tạp")
    ESPECIALLY = "especially", _("Đặc biệt phức tạp")


class StepKind(models.TextChoices):
    ACCEPT = "accept", _("Thụ lý")
    NOTIFY_ACCEPT = "notify_accept", _("Thông báo thụ lý")
    GUIDE = "guide", _("Hướng dẫn người viết đơn")
    FORWARD = "forward", _("Chuyển đơn đến cơ quan có thẩm quyền")
    RETURN = "return", _("Trả lại đơn")
    FILE = "file", _("Xếp lưu đơn")
    SEPARATE = "separate", _("Hướng dẫn tách đơn nhiều nội dung")
    VERIFY = "verify", _("Xác minh")
    DIALOGUE = "dialogue", _("Đối thoại")
    DECIDE = "decide", _("Quyết định giải quyết / Kết luận")
    NOTIFY = "notify", _("Gửi, thông báo quyết định / kết luận")
    PUBLISH = "publish", _("Công khai kết luận")
    SUSPEND = "suspend", _("Tạm đình chỉ")
    RESUME = "resume", _("Tiếp tục giải quyết")
    WITHDRAW = "withdraw", _("Rút đơn")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận, đang xử lý đơn")
    ACCEPTED = "accepted", _("Đã thụ lý, đang giải quyết")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    DECIDED = "decided", _("Đã có quyết định / kết luận")
    CLOSED = "closed", _("Đã kết thúc")


class Result(models.TextChoices):
    NONE = "", _("—")
    RIGHT = "right", _("Đúng")
    WRONG = "wrong", _("Sai")
    PARTLY = "partly", _("Đúng một phần")
    WITHDRAWN = "withdrawn", _("Rút đơn")
    GUIDED = "guided", _("Đã hướng dẫn")
    FORWARDED = "forwarded", _("Đã chuyển đơn")
    FILED = "filed", _("Xếp lưu")
    RETURNED = "returned", _("Trả lại đơn")
    ANSWERED = "answered", _("Đã trả lời")


class DeadlineStep(models.TextChoices):
    HANDLE = "handle", _("Xử lý đơn")
    ACCEPT = "accept", _("Thụ lý")
    FORWARD = "forward", _("Chuyển đơn không thuộc thẩm quyền")
    NOTIFY_ACCEPT = "notify_accept", _("Thông báo thụ lý")
    RESOLVE = "resolve", _("Giải quyết")
    SEND_DECISION = "send_decision", _("Gửi quyết định / kết luận")
    PUBLISH = "publish", _("Công khai kết luận")


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("ngày")
    WORKING = "working", _("ngày làm việc")


class PetitionField(models.Model):
    """A field of petitions (đất đai, bồi thường, ...); configurable in the admin."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực đơn")
        verbose_name_plural = _("lĩnh vực đơn")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class TimeLimitRule(models.Model):
    """One time limit of the law; empty instance/complexity/remote mean "any"."""

    step = models.CharField(_("bước"), max_length=20, choices=DeadlineStep.choices)
    case_type = models.CharField(_("loại đơn"), max_length=20, choices=CaseType.choices)
    instance = models.PositiveSmallIntegerField(
        _("lần giải quyết"), null=True, blank=True, help_text=_("Để trống: mọi lần.")
    )
    complexity = models.CharField(
        _("tính chất vụ việc"),
        max_length=20,
        choices=Complexity.choices,
        blank=True,
        help_text=_("Để trống: mọi vụ việc."),
    )
    remote = models.BooleanField(
        _("vùng sâu, vùng xa"), null=True, blank=True, help_text=_("Để trống: mọi địa bàn.")
    )
    day_kind = models.CharField(_("cách tính"), max_length=10, choices=DayKind.choices)
    days = models.PositiveSmallIntegerField(_("số ngày"))
    extensions_allowed = models.PositiveSmallIntegerField(_("số lần gia hạn tối đa"), default=0)
    extension_days = models.PositiveSmallIntegerField(_("số ngày mỗi lần gia hạn"), default=0)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        ordering = ["case_type", "step", "instance", "complexity", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="citizens_rule_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()} – {self.get_step_display()}: {self.describe()}"

    def describe(self) -> str:
        return f"{self.days} {self.get_day_kind_display()}"

    def clean(self):
        from citizens.rules import check_rule

        check_rule(self)


class Petition(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="petitions")
    receipt_code = models.CharField(_("mã tiếp nhận"), max_length=20, unique=True)
    pin_hash = models.CharField(max_length=128, editable=False)
    received_on = models.DateField(_("ngày nhận đơn"))
    channel = models.CharField(_("nguồn đơn"), max_length=20, choices=Channel.choices)
    forwarded_by = models.CharField(_("cơ quan, người chuyển đến"), max_length=200, blank=True)
    case_type = models.CharField(_("phân loại theo nội dung"), max_length=20, choices=CaseType)
    instance = models.PositiveSmallIntegerField(
        _("lần giải quyết"), default=1, choices=[(1, _("Lần đầu")), (2, _("Lần hai"))]
    )
    complexity = models.CharField(
        _("tính chất"), max_length=20, choices=Complexity.choices, default=Complexity.NORMAL
    )
    remote_area = models.BooleanField(_("vùng sâu, vùng xa đi lại khó khăn"), default=False)
    field = models.ForeignKey(
        PetitionField, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("lĩnh vực")
    )
    competence = models.CharField(
        _("thẩm quyền"), max_length=10, choices=Competence.choices, default=Competence.WITHIN
    )
    eligible = models.BooleanField(_("đủ điều kiện xử lý"), default=True)
    ineligible_reasons = models.TextField(_("lý do không đủ điều kiện"), blank=True)
    anonymous = models.BooleanField(_("đơn nặc danh, mạo danh"), default=False)
    signatories = models.PositiveIntegerField(_("số người đứng tên"), default=1)
    has_originals = models.BooleanField(_("có kèm giấy tờ bản gốc"), default=False)
    # The content in the clear; empty for a denunciation, whose content is only in
    # ``sealed_content`` (encrypted) and shown to others through ``summary``.
    content = models.TextField(_("nội dung đơn"), blank=True)
    sealed_content = models.TextField(editable=False, blank=True, default="")
    summary = models.TextField(
        _("tóm tắt nội dung"),
        blank=True,
        help_text=_(
            "Bắt buộc với đơn tố cáo: tóm tắt không có thông tin nhận dạng người tố cáo; dùng "
            "cho danh sách, thống kê, tìm kiếm."
        ),
    )
    # Folded text searched by users: the content, or for a denunciation only its summary.
    content_fold = models.TextField(editable=False, default="")
    # Folded names of the petitioners; empty for denunciations (their names are secret).
    names_fold = models.TextField(editable=False, default="")
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    result = models.CharField(
        _("kết quả"), max_length=20, choices=Result.choices, default="", blank=True
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # The due date of the earliest unmet deadline (``citizens.deadlines``), kept by the
    # services so that "quá hạn" is a plain SQL filter (lists, the parent's dashboard).
    next_due = models.DateField(_("hạn tiếp theo"), null=True, blank=True, editable=False)
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("đơn trùng / tái diễn với"),
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="petitions_handled",
        verbose_name=_("người được giao tiếp nhận, giải quyết"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="citizens_petition_open"),
            models.Index(fields=["unit", "received_on"], name="citizens_petition_received"),
            # The parent's dashboard counts a period's petitions by status and deadline
            # from this index alone (citizens.figures), without reading the rows.
            models.Index(
                fields=["unit", "received_on", "status", "next_due"],
                name="citizens_petition_figures",
            ),
            # Its overdue figure reads only the cases still open (a few in a hundred); with
            # the status in it, SQLite sees the index covers the query and picks it.
            models.Index(
                fields=["unit", "received_on", "next_due", "status"],
                condition=~models.Q(status="closed"),
                name="citizens_petition_unclosed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_code} – {self.get_case_type_display()}"

    @property
    def is_secret(self) -> bool:
        """A denunciation: the denouncer's identity is secret (Luật Tố cáo Art 8(3), 9)."""
        return self.case_type == CaseType.DENUNCIATION

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def listed_content(self) -> str:
        """What everyone may read: a denunciation's summary, any other petition's content."""
        if self.is_secret:
            return self.summary
        return self.content or self.summary

    def full_content(self) -> str:
        """The content itself; decrypted for a denunciation (show it only to its handlers)."""
        if self.is_secret and self.sealed_content:
            from citizens.crypto import unseal

            return unseal(self.sealed_content).get("content", "")
        return self.content


class PetitionTally(models.Model):
    """How many petitions a unit received in a month, by their status now: kept by the
    database itself (triggers on ``citizens_petition``, ``citizens.tally``), so that every
    insert, update and delete counts, whatever wrote it. The parent's dashboard reads its
    received and resolved figures for whole months from here: about 50 rows a commune a
    year instead of every petition."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("tháng"))  # its first day
    status = models.CharField(max_length=20, choices=Status.choices)
    petitions = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số đơn theo tháng")
        verbose_name_plural = _("số đơn theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "status"], name="citizens_petitiontally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%m/%Y} {self.status}: {self.petitions}"


class Petitioner(models.Model):
    """One signatory; their identity is only in ``sealed`` (encrypted JSON)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    sealed = models.TextField(editable=False)
    # Keyed hashes (``citizens.crypto.keyed_hash``) of the folded name and of its first and
    # last words: intake finds earlier petitions of the same person by these, without
    # decrypting every name (``citizens.duplicates``).
    name_key = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    name_short_key = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    is_representative = models.BooleanField(_("người đại diện"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("người viết đơn")
        verbose_name_plural = _("người viết đơn")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def identity(self) -> dict:
        from citizens.crypto import unseal

        return unseal(self.sealed)


class HandlingStep(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("bước xử lý"), max_length=20, choices=StepKind.choices)
    date = models.DateField(_("ngày"))
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    # The outgoing register's line when the step's letter was numbered by the system.
    letter = models.ForeignKey(
        "outgoing.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản đi"),
    )
    body = models.CharField(_("cơ quan nhận / liên quan"), max_length=200, blank=True)
    result = models.CharField(_("kết quả"), max_length=20, choices=Result.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Extension(models.Model):
    """An extension of the resolution time limit, with its decision."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("số ngày gia hạn"))
    decision_number = models.CharField(_("số quyết định gia hạn"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    reason = models.CharField(_("lý do"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")
        ordering = ["decision_date", "id"]

    def __str__(self) -> str:
        return f"{self.decision_number} (+{self.days})"


class PetitionAttachment(models.Model):
    """A file; its bytes are stored encrypted as ``citizens/<stored_as>`` in the evidence
    storage (``dvcq.storage``)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=80, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name


class IdentityView(models.Model):
    """One reveal of a denouncer's identity (who, when, why)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="identity_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("lý do xem"), max_length=300)

    class Meta:
        verbose_name = _("lượt xem danh tính người tố cáo")
        verbose_name_plural = _("lượt xem danh tính người tố cáo")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.at:%d/%m/%Y %H:%M}"


class SlotKind(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch UBND tiếp định kỳ")
    STAFF = "staff", _("Công chức tiếp thường xuyên")
    AD_HOC = "ad_hoc", _("Tiếp đột xuất")


class ReceptionSlot(models.Model):
    """A line of the reception schedule: weekly (``weekday``) or one date (ad hoc)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="reception_slots")
    kind = models.CharField(_("hình thức"), max_length=10, choices=SlotKind.choices)
    weekday = models.PositiveSmallIntegerField(
        _("thứ trong tuần"),
        null=True,
        blank=True,
        choices=[
            (0, _("Thứ Hai")),
            (1, _("Thứ Ba")),
            (2, _("Thứ Tư")),
            (3, _("Thứ Năm")),
            (4, _("Thứ Sáu")),
        ],
    )
    date = models.DateField(_("ngày (tiếp đột xuất)"), null=True, blank=True)
    receiver = models.CharField(_("người tiếp (chức vụ, họ tên)"), max_length=200)
    place = models.CharField(_("địa điểm"), max_length=200)
    start_time = models.TimeField(_("từ giờ"))
    end_time = models.TimeField(_("đến giờ"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_until = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("lịch tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        ordering = ["kind", "weekday", "date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.receiver}"


class Visit(models.Model):
    """One row of the reception register (sổ tiếp công dân, Mẫu 03/TCD)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="visits")
    number = models.PositiveIntegerField(_("STT"))
    date = models.DateField(_("ngày tiếp"))
    sealed = models.TextField(editable=False)  # name, address, id number, representatives
    # Empty for a denunciation, whose content is only in ``sealed_content`` (encrypted).
    content = models.TextField(_("nội dung vụ việc"), blank=True)
    sealed_content = models.TextField(editable=False, blank=True, default="")
    case_type = models.CharField(_("phân loại"), max_length=20, choices=CaseType.choices)
    people = models.PositiveIntegerField(_("số người cùng nội dung"), default=1)
    handled_before = models.CharField(_("cơ quan đã giải quyết"), max_length=200, blank=True)
    within_competence = models.BooleanField(_("thuộc thẩm quyền"), default=True)
    guided_to = models.CharField(_("hướng dẫn đến (số văn bản)"), max_length=200, blank=True)
    forwarded_to = models.CharField(_("chuyển đến (số văn bản)"), max_length=200, blank=True)
    result = models.CharField(_("theo dõi kết quả"), max_length=300, blank=True)
    notes = models.CharField(_("ghi chú"), max_length=300, blank=True)
    slot = models.ForeignKey(
        ReceptionSlot, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("buổi tiếp")
    )
    petition = models.OneToOneField(
        Petition, on_delete=models.SET_NULL, null=True, blank=True, related_name="visit"
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["date", "number"]

    def __str__(self) -> str:
        return f"{self.number} – {self.date:%d/%m/%Y}"

    @property
    def identity(self) -> dict:
        from citizens.crypto import unseal

        return unseal(self.sealed)

    def full_content(self) -> str:
        if self.sealed_content:
            from citizens.crypto import unseal

            return unseal(self.sealed_content).get("content", "")
        return self.content


class OverdueNotice(models.Model):
    """One bell notification sent to a handler about one overdue step of a case; the unique
    constraint makes the daily pass send each notice once, however often it runs."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=40)
    due = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc hạn đơn thư")
        verbose_name_plural = _("nhắc hạn đơn thư")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "user", "step", "due"], name="one_overdue_notice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.step} {self.due}"
