"""The API's endpoints. Every queryset goes through ``accounts.access`` (another unit's
object is a 404); writes go through ``programs.services`` with the web's permission rules."""

import io

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from accounts.access import (
    can_update_task,
    get_visible_or_404,
    scoped,
    visible_filter,
    visible_units,
)
from activities.models import Activity, ActivityKind
from api import serializers as api_serializers
from citizens.access import visible_petitions
from citizens.models import CaseType, Status, Visit
from committee.models import CommitteeMember
from documents.models import CitedDocument
from programs import services as program_services
from programs.models import Evidence, Program, ProgramStatus, Task, TaskKind, TaskStatus
from reports import export as report_export
from reports.models import SENT_STATUSES, Report, ReportKind, ReportStatus
from units.models import UnitKind

LOOKUP_DIGITS = r"[0-9]{1,18}"


class StrictQueryMixin:
    """Refuses query parameters the operation does not document (a typo such as
    ``?stauts=done`` must not silently return everything)."""

    def allowed_query_parameters(self) -> set[str]:
        if self.action != "list":
            return set()
        allowed = set()
        if getattr(self, "filters_class", None) is not None:
            allowed |= set(self.filters_class().fields)
        if self.paginator is not None:
            allowed |= {self.paginator.limit_query_param, self.paginator.offset_query_param}
        return allowed

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if getattr(self, self.request.method.lower(), None) is None:
            return  # no such operation: the answer is a 405
        unknown = sorted(set(request.query_params) - self.allowed_query_parameters())
        if unknown:
            raise ValidationError(
                {name[:100]: [_("Tham số không được hỗ trợ.")] for name in unknown[:20]}
            )


def _settable(stored_status: str) -> str:
    """The status a user would pick to keep the stored one ("done late" is "done")."""
    return TaskStatus.DONE.value if stored_status == TaskStatus.DONE_LATE else stored_status


class ScopedReadOnlyViewSet(
    StrictQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A list and a detail of objects the token's user may see.

    Subclasses give ``base_queryset()``, the unit field used for scoping, the filter
    serializer and the lookups its parameters apply to.
    """

    lookup_value_regex = LOOKUP_DIGITS
    unit_field = "unit"
    filters_class = None
    year_lookup: str | None = None
    date_lookup: str | None = None
    status_lookup: str | None = None
    extra_lookups: dict[str, str] = {}

    def base_queryset(self):
        raise NotImplementedError

    def scoped_queryset(self):
        return scoped(self.base_queryset(), self.request.user, self.unit_field)

    def get_queryset(self):
        queryset = self.scoped_queryset()
        if self.action == "list" and self.filters_class is not None:
            queryset = self.apply_filters(queryset)
        return queryset

    def apply_filters(self, queryset):
        # A plain dict: an empty "?status=" is then an invalid value (400), not "no filter".
        params = self.filters_class(data=self.request.query_params.dict())
        params.is_valid(raise_exception=True)
        wanted = params.validated_data
        if "unit" in wanted:
            unit = visible_units(self.request.user).filter(pk=wanted["unit"]).first()
            if unit is None:
                return queryset.none()
            queryset = self.within_unit(queryset, unit)
        lookups = {
            "year": self.year_lookup,
            "date_from": f"{self.date_lookup}__gte" if self.date_lookup else None,
            "date_to": f"{self.date_lookup}__lte" if self.date_lookup else None,
            "status": self.status_lookup,
            **self.extra_lookups,
        }
        for name, lookup in lookups.items():
            if lookup and wanted.get(name) is not None:
                queryset = queryset.filter(**{lookup: wanted[name]})
        return queryset

    def within_unit(self, queryset, unit):
        """Objects of ``unit`` and of the units below it."""
        prefix = f"{self.unit_field}__" if self.unit_field else ""
        return queryset.filter(**{f"{prefix}path__startswith": unit.path})


def _documented(filters_class, summary: str):
    return extend_schema_view(
        list=extend_schema(summary=summary, parameters=[filters_class]),
        retrieve=extend_schema(summary=summary + " – một mục"),
    )


UnitFilters = api_serializers.filter_serializer(
    "UnitFilters",
    include=("unit",),
    extra={"kind": serializers.ChoiceField(choices=UnitKind.choices, required=False)},
)


@_documented(UnitFilters, "Đơn vị hành chính")
class UnitViewSet(ScopedReadOnlyViewSet):
    serializer_class = api_serializers.UnitSerializer
    filters_class = UnitFilters
    unit_field = ""
    extra_lookups = {"kind": "kind"}

    def base_queryset(self):
        from units.models import Unit

        return Unit.objects.order_by("path", "pk")


CommitteeFilters = api_serializers.filter_serializer(
    "CommitteeFilters",
    include=("unit",),
    extra={
        "current": serializers.BooleanField(
            required=False,
            default=None,
            allow_null=True,
            help_text="true: chỉ thành viên đương nhiệm; false: chỉ người đã thôi.",
        )
    },
)


@_documented(CommitteeFilters, "Thành viên Ban Chỉ đạo")
class CommitteeMemberViewSet(ScopedReadOnlyViewSet):
    serializer_class = api_serializers.CommitteeMemberSerializer
    filters_class = CommitteeFilters
    extra_lookups = {"current": "end_date__isnull"}

    def base_queryset(self):
        return (
            CommitteeMember.objects.select_related("decision")
            .prefetch_related("hamlets")
            .order_by("unit_id", "end_date", "position", "full_name", "pk")
        )


ProgramFilters = api_serializers.filter_serializer(
    "ProgramFilters", status_choices=ProgramStatus.choices
)


@_documented(ProgramFilters, "Chương trình công tác")
class ProgramViewSet(ScopedReadOnlyViewSet):
    serializer_class = api_serializers.ProgramSerializer
    filters_class = ProgramFilters
    year_lookup = "year"
    date_lookup = "issued_on"
    status_lookup = "status"

    def base_queryset(self):
        return Program.objects.order_by("unit_id", "-year", "pk")


TaskFilters = api_serializers.filter_serializer(
    "TaskFilters",
    status_choices=TaskStatus.choices,
    extra={
        "program": serializers.IntegerField(
            required=False, min_value=1, max_value=api_serializers.MAX_INT
        ),
        "kind": serializers.ChoiceField(choices=TaskKind.choices, required=False),
    },
)


@_documented(TaskFilters, "Nhiệm vụ")
@extend_schema_view(
    partial_update=extend_schema(
        summary="Cập nhật trạng thái, tiến độ của nhiệm vụ",
        description=(
            "Cần khoá “Đọc và cập nhật”. Người được cập nhật: văn phòng, trưởng ban của đơn vị; "
            "thành viên Ban Chỉ đạo với nhiệm vụ mình chủ trì hoặc phối hợp. “Hoàn thành” sau "
            "hạn được ghi là “Hoàn thành quá hạn”; việc đã xong có tiến độ 100%."
        ),
        request=api_serializers.TaskUpdateSerializer,
        responses={200: api_serializers.TaskSerializer},
    ),
)
class TaskViewSet(ScopedReadOnlyViewSet):
    serializer_class = api_serializers.TaskSerializer
    filters_class = TaskFilters
    http_method_names = ["get", "patch", "post", "head", "options"]
    year_lookup = "program__year"
    date_lookup = "due_date"
    status_lookup = "effective_status"
    extra_lookups = {"program": "program_id", "kind": "kind"}

    def base_queryset(self):
        return (
            Task.objects.select_related("responsible", "program")
            .prefetch_related("cooperators", "hamlets")
            .with_effective_status()
            .order_by("program__unit_id", "-program__year", "position", "pk")
        )

    def _task_to_update(self):
        task = self.get_object()
        if not can_update_task(self.request.user, task):
            raise PermissionDenied(
                _(
                    "Bạn chỉ xem được nhiệm vụ này: chỉ văn phòng, trưởng ban và người chủ trì "
                    "hoặc phối hợp mới cập nhật được."
                )
            )
        return task

    def _refreshed(self, task):
        return self.scoped_queryset().get(pk=task.pk)

    def partial_update(self, request, pk=None):
        task = self._task_to_update()
        incoming = api_serializers.TaskUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            program_services.record_task_update(
                task=task,
                actor=request.user,
                status=data.get("status", _settable(task.status)),
                progress=data.get("progress", task.progress),
                note=data.get("note", ""),
            )
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from exc
        return Response(self.get_serializer(self._refreshed(task)).data)

    @extend_schema(
        methods=["GET"],
        summary="Các tệp minh chứng của nhiệm vụ",
        responses={200: api_serializers.EvidenceSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Gửi tệp minh chứng (kèm cập nhật tiến độ)",
        description=(
            "multipart/form-data, một hoặc nhiều trường “file” (PDF, DOCX, XLSX, JPEG, PNG; "
            "kiểm tra theo nội dung tệp). Không gửi status/progress thì giữ nguyên. "
            "Cần khoá “Đọc và cập nhật” và quyền cập nhật nhiệm vụ."
        ),
        request={"multipart/form-data": api_serializers.EvidenceUploadSerializer},
        responses={201: api_serializers.EvidenceSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="evidence",
        parser_classes=[MultiPartParser],
        pagination_class=None,
    )
    def evidence(self, request, pk=None):
        if request.method == "GET":
            task = self.get_object()
            files = task.evidence.select_related("uploaded_by").order_by("-uploaded_at", "-id")
            return Response(api_serializers.EvidenceSerializer(files, many=True).data)
        task = self._task_to_update()
        incoming = api_serializers.EvidenceUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            update = program_services.record_task_update(
                task=task,
                actor=request.user,
                status=data.get("status", _settable(task.status)),
                progress=data.get("progress", task.progress),
                note=data.get("note", ""),
                files=data["file"],
            )
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from exc
        stored = update.evidence.select_related("uploaded_by").order_by("id")
        return Response(api_serializers.EvidenceSerializer(stored, many=True).data, status=201)


class EvidenceFileViewSet(StrictQueryMixin, viewsets.GenericViewSet):
    lookup_value_regex = LOOKUP_DIGITS
    queryset = Evidence.objects.none()
    serializer_class = api_serializers.EvidenceSerializer

    @extend_schema(
        summary="Tải tệp minh chứng",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    def retrieve(self, request, pk=None):
        evidence = get_visible_or_404(
            Evidence.objects.select_related("task"), request.user, field="task__unit", pk=pk
        )
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError as exc:
            raise NotFound from exc
        return FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_name,
            content_type="application/octet-stream",
        )


DocumentFilters = api_serializers.filter_serializer("DocumentFilters")


@_documented(DocumentFilters, "Văn bản được trích dẫn")
class CitedDocumentViewSet(ScopedReadOnlyViewSet):
    """Documents cited by a program or a task the user may see."""

    serializer_class = api_serializers.CitedDocumentSerializer
    filters_class = DocumentFilters
    year_lookup = "issued_on__year"
    date_lookup = "issued_on"

    def base_queryset(self):
        return CitedDocument.objects.order_by("kind", "number", "pk")

    def scoped_queryset(self):
        user = self.request.user
        visible = Q(**visible_filter(user, "citations__program__unit")) | Q(
            **visible_filter(user, "task_citations__task__unit")
        )
        ids = self.base_queryset().filter(visible).values("pk")
        return self.base_queryset().filter(pk__in=ids)

    def within_unit(self, queryset, unit):
        cited = Q(citations__program__unit__path__startswith=unit.path) | Q(
            task_citations__task__unit__path__startswith=unit.path
        )
        return queryset.filter(pk__in=CitedDocument.objects.filter(cited).values("pk"))


ActivityFilters = api_serializers.filter_serializer(
    "ActivityFilters",
    extra={"kind": serializers.ChoiceField(choices=ActivityKind.choices, required=False)},
)


@_documented(ActivityFilters, "Hoạt động tuyên truyền, phổ biến pháp luật")
class ActivityViewSet(ScopedReadOnlyViewSet):
    serializer_class = api_serializers.ActivitySerializer
    filters_class = ActivityFilters
    year_lookup = "held_on__year"
    date_lookup = "held_on"
    extra_lookups = {"kind": "kind"}

    def base_queryset(self):
        return Activity.objects.prefetch_related("tasks").order_by("-held_on", "-pk")


PetitionFilters = api_serializers.filter_serializer(
    "PetitionFilters",
    status_choices=Status.choices,
    extra={"case_type": serializers.ChoiceField(choices=CaseType.choices, required=False)},
)


@_documented(PetitionFilters, "Đơn thư")
class PetitionViewSet(ScopedReadOnlyViewSet):
    """Petitions as ``citizens.access`` lets the user see them; never an identity, and a
    denunciation's content is left out."""

    serializer_class = api_serializers.PetitionSerializer
    filters_class = PetitionFilters
    year_lookup = "received_on__year"
    date_lookup = "received_on"
    status_lookup = "status"
    extra_lookups = {"case_type": "case_type"}

    def base_queryset(self):
        return (
            visible_petitions(self.request.user)
            .select_related("repeat_of")
            .order_by("-received_on", "-pk")
        )


VisitFilters = api_serializers.filter_serializer(
    "VisitFilters",
    extra={"case_type": serializers.ChoiceField(choices=CaseType.choices, required=False)},
)


@_documented(VisitFilters, "Sổ tiếp công dân")
class VisitViewSet(ScopedReadOnlyViewSet):
    serializer_class = api_serializers.VisitSerializer
    filters_class = VisitFilters
    year_lookup = "date__year"
    date_lookup = "date"
    extra_lookups = {"case_type": "case_type"}

    def base_queryset(self):
        return Visit.objects.order_by("-date", "-number", "-pk")


ReportFilters = api_serializers.filter_serializer(
    "ReportFilters",
    status_choices=ReportStatus.choices,
    extra={"kind": serializers.ChoiceField(choices=ReportKind.choices, required=False)},
)


@_documented(ReportFilters, "Báo cáo định kỳ")
class ReportViewSet(ScopedReadOnlyViewSet):
    """Reports as on the web: every report of the user's own unit; a report of a unit below
    only once it has been sent up."""

    serializer_class = api_serializers.ReportSerializer
    filters_class = ReportFilters
    year_lookup = "period_end__year"
    date_lookup = "period_end"
    status_lookup = "status"
    extra_lookups = {"kind": "kind"}

    def base_queryset(self):
        return Report.objects.order_by("-period_end", "-pk")

    def scoped_queryset(self):
        user = self.request.user
        return (
            super().scoped_queryset().filter(Q(unit_id=user.unit_id) | Q(status__in=SENT_STATUSES))
        )

    @extend_schema(
        summary="Tải báo cáo (.docx, .pdf, .xlsx)",
        parameters=[
            OpenApiParameter(
                "fmt",
                str,
                OpenApiParameter.PATH,
                enum=sorted(report_export.WRITERS),
                description="Định dạng tệp.",
            )
        ],
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"download/(?P<fmt>[a-z]{3,4})",
        pagination_class=None,
    )
    def download(self, request, pk=None, fmt=None):
        report = self.get_object()
        if fmt not in report_export.WRITERS:
            raise NotFound
        data, name = report_export.render(report, fmt)
        return FileResponse(
            io.BytesIO(data),
            as_attachment=True,
            filename=name,
            content_type="application/octet-stream",
        )
