"""The search index: one row per searchable object, with its folded text.

Rows are written only by ``search.indexing`` (from the signals registered in ``apps.py``
and by ``dvcq rebuild-search-index``); the full-text structures of each database (an FTS5
table on SQLite, a generated ``tsvector`` column on PostgreSQL) follow this table inside the
database itself, see migration 0002 and docs/decisions/0014-search-backends.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROGRAM = "program", _("Chương trình")
    TASK = "task", _("Nhiệm vụ")
    DOCUMENT = "document", _("Văn bản căn cứ")
    ACTIVITY = "activity", _("Hoạt động")
    MEMBER = "member", _("Thành viên Ban Chỉ đạo")
    PETITION = "petition", _("Đơn thư")
    VISIT = "visit", _("Lượt tiếp công dân")
    BRIGHT_SPOT = "bright_spot", _("Điểm sáng, mô hình “Dân vận khéo”")
    MEETING = "meeting", _("Cuộc họp Ban Chỉ đạo")
    REPORT = "report", _("Báo cáo")
    INSPECTION = "inspection", _("Tự kiểm tra")
    OUTGOING = "outgoing", _("Văn bản đi")
    HAMLET = "hamlet", _("Thôn, xóm, tổ dân phố")


class SearchEntry(models.Model):
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Empty for cited documents, which belong to no unit (visible through citing programs).
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    # " word word ... " (folded words between single spaces, plus reference tokens).
    title_folded = models.TextField(editable=False, default="")
    folded = models.TextField(editable=False, default="")
    # " u1 u5 " : the unit and its ancestors (from ``Unit.path``), so the full-text index
    # itself keeps a commune's entries (SQLite FTS5 column ``scope``).
    scope = models.CharField(max_length=300, editable=False, default="")
    url = models.CharField(max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_entry")
        ]
        indexes = [models.Index(fields=["unit", "kind", "year"], name="search_unit_kind_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
