"""The outgoing document register (sổ văn bản đi).

Each unit has one register: the issuer's abbreviation for document codes and how it numbers
(one series for every type, or one per type). A series is a counter for one unit, one year
and, when numbering per type, one type; numbers start again at 01 on 1 January because each
year has its own series rows. Every number handed out is an ``IssuedDocument``, the register's
line: number and code, date, type, summary, signer, recipients, who issued it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from outgoing.doctypes import DOC_TYPE_CHOICES


class Numbering(models.TextChoices):
    SHARED = "shared", _("Một dãy số chung cho mọi loại văn bản")
    PER_TYPE = "per_type", _("Mỗi loại văn bản một dãy số riêng")


class Register(models.Model):
    """How one unit numbers what it issues. Without a row the defaults apply."""

    unit = models.OneToOneField(
        "units.Unit",
        on_delete=models.CASCADE,
        related_name="outgoing_register",
        verbose_name=_("đơn vị"),
    )
    issuer_code = models.CharField(
        _("chữ viết tắt cơ quan ban hành"),
        max_length=20,
        default="BCĐ",
        help_text=_("Phần sau loại văn bản trong ký hiệu, ví dụ BCĐ trong “05/CTr-BCĐ”."),
    )
    drafting_code = models.CharField(
        _("chữ viết tắt đơn vị soạn thảo"),
        max_length=20,
        default="VP",
        blank=True,
        help_text=_("Dùng ở dòng “Lưu: VT, …” và trong ký hiệu công văn."),
    )
    numbering = models.CharField(
        _("cách đánh số"),
        max_length=10,
        choices=Numbering.choices,
        default=Numbering.SHARED,
        help_text=_("Nên đổi vào đầu năm: số đã cấp trong năm không được trùng ký hiệu."),
    )

    class Meta:
        verbose_name = _("sổ văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} – {self.unit}"


class Series(models.Model):
    """The last number given in one series; locked while the next one is taken."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    doc_type = models.CharField(
        _("loại văn bản"),
        max_length=40,
        blank=True,
        help_text=_("Để trống: dãy số chung cho mọi loại."),
    )
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("dãy số văn bản")
        verbose_name_plural = _("dãy số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "doc_type"], name="one_series_per_unit_year_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.doc_type or '*'}: {self.last_number}"


class IssuedDocument(models.Model):
    """One line of the register: a number given to a document."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="issued_documents"
    )
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="documents")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    doc_type = models.CharField(_("loại văn bản"), max_length=40, choices=DOC_TYPE_CHOICES)
    summary = models.CharField(_("trích yếu"), max_length=400)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name=_("chương trình"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người cấp số"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="number_once_per_series"),
            models.UniqueConstraint(
                fields=["unit", "year", "number_symbol"], name="number_symbol_once_per_year"
            ),
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(program__isnull=False),
                name="program_issued_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} – {self.summary}"
