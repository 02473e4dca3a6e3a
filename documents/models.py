"""The index of documents that programs cite (Nghị quyết 25-NQ/TW, Chỉ thị 33/CT-TTg, ...).

One ``CitedDocument`` per distinct document, whatever the spelling of its symbol; each
program's ``Citation`` rows keep the order and the spelling of its text.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CitedDocument(models.Model):
    kind = models.CharField(_("loại văn bản"), max_length=40)
    number = models.CharField(_("số"), max_length=20)
    number_year = models.PositiveSmallIntegerField(_("năm trong số hiệu"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    key = models.CharField(max_length=160, unique=True, editable=False)

    class Meta:
        verbose_name = _("văn bản được trích dẫn")
        verbose_name_plural = _("văn bản được trích dẫn")
        ordering = ["kind", "number"]

    def __str__(self) -> str:
        sep = "-" if "/" in self.symbol and "-" not in self.symbol.split("/")[0] else "/"
        label = f"{self.kind} số {self.number}{sep}{self.symbol}"
        if self.issued_on:
            label += f" ngày {self.issued_on:%d/%m/%Y}"
        return label


class Citation(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="citations"
    )
    document = models.ForeignKey(CitedDocument, on_delete=models.PROTECT, related_name="citations")
    position = models.PositiveSmallIntegerField(default=0)
    written_as = models.CharField(_("cách viết trong văn bản"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("trích dẫn")
        verbose_name_plural = _("trích dẫn")
        ordering = ["program", "position"]
        constraints = [
            models.UniqueConstraint(fields=["program", "document"], name="unique_citation")
        ]

    def __str__(self) -> str:
        return str(self.document)


class TaskCitation(models.Model):
    """A document named in the text of one task (so its page lists the tasks resting on it)."""

    task = models.ForeignKey("programs.Task", on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(
        CitedDocument, on_delete=models.PROTECT, related_name="task_citations"
    )

    class Meta:
        verbose_name = _("trích dẫn trong nhiệm vụ")
        verbose_name_plural = _("trích dẫn trong nhiệm vụ")
        constraints = [
            models.UniqueConstraint(fields=["task", "document"], name="unique_task_citation")
        ]

    def __str__(self) -> str:
        return str(self.document)


class ImportDraft(models.Model):
    """An uploaded document waiting on the review screen: its text, the importer's reading
    (the JSON of docs/import-format.md, with the clerk's corrections) and who uploaded it."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("tên tệp"), max_length=255)
    source_text = models.TextField(_("văn bản"))
    reading = models.JSONField(_("kết quả đọc"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản chờ rà soát")
        verbose_name_plural = _("văn bản chờ rà soát")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
