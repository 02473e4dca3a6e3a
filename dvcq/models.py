"""Tables of the project package itself: ``Counter``, the shared counters of
``dvcq.counters`` (rate limits that hold across processes) when no Redis is configured."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """Attempts counted under ``key`` until ``expires_at``, when the count starts again."""

    key = models.CharField(max_length=200, unique=True)
    count = models.IntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("bộ đếm giới hạn")
        verbose_name_plural = _("bộ đếm giới hạn")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
