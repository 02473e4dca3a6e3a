"""Limit/offset pages with bounds: a bad, negative or too large value is a 400, not a guess."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 10_000_000


def _bounded_int(request, name: str, default: int, low: int, high: int, message: str) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or not low <= int(raw) <= high:
        raise ValidationError({name: [message]})
    return int(raw)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT
    template = None

    def get_limit(self, request):
        return _bounded_int(
            request,
            self.limit_query_param,
            self.default_limit,
            1,
            self.max_limit,
            _("limit phải là số nguyên từ 1 đến %(max)s.") % {"max": self.max_limit},
        )

    def get_offset(self, request):
        return _bounded_int(
            request,
            self.offset_query_param,
            0,
            0,
            MAX_OFFSET,
            _("offset phải là số nguyên từ 0 đến %(max)s.") % {"max": MAX_OFFSET},
        )

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": f"Số kết quả mỗi trang (1–{MAX_LIMIT}, mặc định {DEFAULT_LIMIT}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": f"Vị trí bắt đầu (0–{MAX_OFFSET}).",
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            },
        ]
