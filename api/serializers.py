"""What the API shows of each object, and what it accepts.

Read serializers list fields explicitly: internal columns (folded search text, source
documents, PIN hashes, sealed identities, handlers) never leave the server. For petitions and
reception visits a denunciation's content is ``null`` and no petitioner's identity is ever
included: identities are shown only on the web pages, after the logged reveal.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import Activity
from citizens.access import can_see_repeat_link
from citizens.models import Petition, Visit
from committee.models import CommitteeMember
from documents.models import CitedDocument
from programs.evidence import check_evidence
from programs.models import SETTABLE_STATUSES, Evidence, Program, Task, TaskStatus
from reports.models import Report
from units.models import Unit

MAX_INT = 2**31 - 1


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know (a typo must not be silently ignored)."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Trường không được hỗ trợ.")] for name in unknown}
                )
        return super().to_internal_value(data)


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "parent",
            "valid_from",
            "valid_until",
            "merged_into",
        ]


class CommitteeMemberSerializer(serializers.ModelSerializer):
    committee_role_label = serializers.CharField(source="get_committee_role_display")
    decision = serializers.SerializerMethodField()
    is_current = serializers.BooleanField()

    class Meta:
        model = CommitteeMember
        fields = [
            "id",
            "unit",
            "full_name",
            "committee_role",
            "committee_role_label",
            "office_title",
            "decision",
            "start_date",
            "end_date",
            "is_current",
            "hamlets",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_decision(self, member):
        return str(member.decision) if member.decision_id else None


class ProgramSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = [
            "id",
            "unit",
            "year",
            "status",
            "doc_type",
            "number_symbol",
            "place",
            "issued_on",
            "title",
            "signer_position",
            "signer_name",
            "recipients",
            "based_on",
            "created_at",
            "updated_at",
        ]


class TaskSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=TaskStatus.choices,
        source="current_status",
        read_only=True,
        help_text="Trạng thái đang có hiệu lực: việc chưa xong đã quá hạn là “overdue”.",
    )
    status_label = serializers.CharField(source="current_status_label", read_only=True)
    responsible_name = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "program",
            "unit",
            "kind",
            "position",
            "text",
            "period",
            "due_date",
            "quarter",
            "responsible",
            "responsible_name",
            "responsible_office",
            "cooperators",
            "hamlets",
            "status",
            "status_label",
            "progress",
            "completed_on",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_responsible_name(self, task):
        return task.responsible.full_name if task.responsible_id else None


SETTABLE_CHOICES = [(s.value, s.label) for s in TaskStatus if s in SETTABLE_STATUSES]


class TaskUpdateSerializer(StrictSerializer):
    """Báo cáo tiến độ: trạng thái, tiến độ (%), ghi chú; không nhận trường nào khác."""

    status = serializers.ChoiceField(
        choices=SETTABLE_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Trạng thái “{input}” không hợp lệ.")},
    )
    progress = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Tiến độ phải là một số nguyên từ 0 đến 100."),
            "min_value": _("Tiến độ phải từ 0 đến 100%%."),
            "max_value": _("Tiến độ phải từ 0 đến 100%%."),
        },
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                _("Cần ít nhất một trong các trường status, progress, note.")
            )
        return attrs


class EvidenceUploadSerializer(StrictSerializer):
    """Tệp minh chứng (kiểm tra theo nội dung tệp) kèm cập nhật tiến độ nếu có."""

    file = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True), min_length=1, max_length=10
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    status = serializers.ChoiceField(choices=SETTABLE_CHOICES, required=False)
    progress = serializers.IntegerField(required=False, min_value=0, max_value=100)

    def to_internal_value(self, data):
        if hasattr(data, "getlist"):
            plain = {key: data.get(key) for key in data if key != "file"}
            plain["file"] = data.getlist("file")
            data = plain
        return super().to_internal_value(data)

    def validate_file(self, files):
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_evidence(uploaded))
            except DjangoValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return checked


class EvidenceSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "task",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "uploaded_by",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_uploaded_by(self, evidence):
        return evidence.uploaded_by.display_name if evidence.uploaded_by_id else None


class CitedDocumentSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="__str__")

    class Meta:
        model = CitedDocument
        fields = ["id", "label", "kind", "number", "number_year", "symbol", "issued_on", "issuer"]


class ActivitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Activity
        fields = [
            "id",
            "unit",
            "kind",
            "kind_label",
            "title",
            "held_on",
            "place",
            "organiser",
            "audience",
            "participants",
            "description",
            "tasks",
        ]


class PetitionSerializer(serializers.ModelSerializer):
    field = serializers.SerializerMethodField()
    is_denunciation = serializers.BooleanField(source="is_secret")
    content = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    repeat_of = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "unit",
            "receipt_code",
            "received_on",
            "channel",
            "case_type",
            "is_denunciation",
            "instance",
            "complexity",
            "field",
            "competence",
            "eligible",
            "anonymous",
            "signatories",
            "content",
            "summary",
            "status",
            "result",
            "closed_on",
            "repeat_of",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_field(self, petition):
        return petition.field.name if petition.field_id else None

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text="null cho đơn tố cáo: nội dung chỉ xem trên trang web."
        )
    )
    def get_content(self, petition):
        return None if petition.is_secret else petition.content

    @extend_schema_field(
        serializers.CharField(
            help_text="Tóm tắt nội dung; với đơn tố cáo là bản tóm tắt không có thông tin "
            "nhận dạng người tố cáo."
        )
    )
    def get_summary(self, petition):
        return getattr(petition, "summary", "")

    @extend_schema_field(
        serializers.IntegerField(
            allow_null=True,
            help_text="Đơn trùng / tái diễn với đơn này; null khi liên kết chạm tới một đơn tố "
            "cáo mà người gọi không xử lý.",
        )
    )
    def get_repeat_of(self, petition):
        other = petition.repeat_of
        if other is None:
            return None
        if not (petition.is_secret or other.is_secret):
            return other.pk
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return other.pk if user and can_see_repeat_link(user, petition, other) else None


class VisitSerializer(serializers.ModelSerializer):
    content = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "unit",
            "number",
            "date",
            "case_type",
            "people",
            "content",
            "handled_before",
            "within_competence",
            "guided_to",
            "forwarded_to",
            "result",
            "notes",
            "petition",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_content(self, visit):
        return None if visit.case_type == "denunciation" else visit.content


class ReportSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Report
        fields = [
            "id",
            "unit",
            "kind",
            "kind_label",
            "period_start",
            "period_end",
            "title",
            "status",
            "status_label",
            "number_symbol",
            "issued_on",
            "submitted_at",
            "reviewed_at",
        ]


def filter_serializer(
    name: str,
    *,
    include=("unit", "year", "date_from", "date_to"),
    status_choices=None,
    extra: dict | None = None,
):
    """A serializer class for the query parameters of one list (validated → 400)."""
    common = {
        "unit": serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=MAX_INT,
            help_text="Mã số (id) đơn vị: đơn vị đó và các đơn vị cấp dưới.",
        ),
        "year": serializers.IntegerField(required=False, min_value=1900, max_value=2200),
        "date_from": serializers.DateField(required=False, help_text="Từ ngày (YYYY-MM-DD)."),
        "date_to": serializers.DateField(required=False, help_text="Đến ngày (YYYY-MM-DD)."),
    }
    fields = {name: field for name, field in common.items() if name in include}
    if status_choices is not None:
        fields["status"] = serializers.ChoiceField(choices=status_choices, required=False)
    fields.update(extra or {})
    # A reversed date range is not an error: nothing lies in it, so the list is empty.
    return type(name, (serializers.Serializer,), fields)
