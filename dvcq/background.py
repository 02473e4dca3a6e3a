"""The project's own daily job: delete the shared counters whose window has ended
(``dvcq.counters``; Redis expires its keys by itself)."""

from django.utils.translation import gettext_lazy

from dvcq import counters
from jobs import registry


@registry.job("dvcq.purge_counters", label=gettext_lazy("Xóa bộ đếm giới hạn đã hết hạn"))
def purge_counters(ctx) -> dict:
    return {"deleted": counters.store().purge()}


registry.daily("dvcq.purge_counters", hour=lambda: 3)
