"""Administrative units: a tree of any depth (province → [district] → commune/ward) and the
hamlets (thôn, xóm, tổ dân phố) inside a commune.

Each unit stores its materialised ``path`` ("/12/340/") so that "this unit and everything
below it" is one indexed prefix query, whatever the depth. ``parent`` and ``path`` are the
tree of today; ``UnitParentLink`` keeps the parents a unit had before (until 30 June 2025 a
commune sat under its district, since 1 July 2025 under the province), read through
``units.tree``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CITY = "city", _("Thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện/quận/thị xã/thành phố thuộc tỉnh (trước 01/7/2025)")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    AGENCY = "agency", _("Cơ quan, đơn vị")


class UnitQuerySet(models.QuerySet):
    def within(self, unit: "Unit") -> "UnitQuerySet":
        """The unit itself and every unit below it."""
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    code = models.SlugField(_("mã đơn vị"), max_length=64, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("cấp"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(
        _("hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày đơn vị thôi tồn tại (sáp nhập, giải thể); để trống nếu còn hoạt động."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sáp nhập vào"),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self.clean()
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k != "force_insert"}
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            self.path = new_path
            super().save(*args, **kwargs)
            if old_path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)
        else:
            super().save(*args, **kwargs)

    def clean(self):
        """Refuse a parent or a merge that would make the unit its own ancestor."""
        for field, label in (("parent", _("đơn vị cấp trên")), ("merged_into", _("sáp nhập vào"))):
            seen, current = set(), getattr(self, field)
            while current is not None:
                if current.pk == self.pk or current.pk in seen:
                    raise ValidationError(
                        {
                            field: _("Không thể chọn %(label)s như vậy: sẽ tạo thành vòng lặp.")
                            % {"label": label}
                        }
                    )
                seen.add(current.pk)
                current = getattr(current, field)

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)


class UnitParentLink(models.Model):
    """The unit's parent from ``valid_from`` to ``valid_to`` (both inclusive, open when
    empty). A unit without any link has always had its current ``parent``."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="parent_links", verbose_name=_("đơn vị")
    )
    parent = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_links",
        verbose_name=_("đơn vị cấp trên"),
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quan hệ cấp trên theo thời gian")
        verbose_name_plural = _("quan hệ cấp trên theo thời gian")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_parent_link_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} → {self.parent or '—'}"

    def covers(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class HamletKind(models.TextChoices):
    HAMLET = "xom", _("Xóm")
    VILLAGE = "thon", _("Thôn")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")
    BLOCK = "khoi", _("Khối")
    OTHER = "other", _("Khác")


class Hamlet(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="hamlets", verbose_name=_("xã/phường")
    )
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=20, choices=HamletKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thôn, xóm, tổ dân phố")
        verbose_name_plural = _("thôn, xóm, tổ dân phố")
        ordering = ["unit", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="unique_hamlet_name_per_unit")
        ]

    def __str__(self) -> str:
        return self.name
