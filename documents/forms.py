"""Upload and review of a program document."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from programs.models import TaskKind
from programs.period_field import PeriodField


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp văn bản (.docx, .pdf, .txt)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
        error_messages={"required": _("Vui lòng chọn tệp văn bản."), "empty": _("Tệp rỗng.")},
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if uploaded.size > limit:
            raise ValidationError(_("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": limit // 2**20})
        return uploaded


class HeaderReviewForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm của chương trình"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
            "required": _("Vui lòng nhập năm của chương trình."),
            "invalid": _("Năm không hợp lệ."),
        },
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=400)
    number_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)


class ItemReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=TaskKind.choices)
    period = PeriodField(label=_("Thời gian"))
    responsible = forms.TypedChoiceField(
        label=_("Người chủ trì"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", "—")] + [(m.pk, m.full_name) for m in members]
        self.fields["period"].offer(self.initial.get("period") or "")


class NewItemForm(ItemReviewForm):
    """A task the clerk adds by hand where the importer found none or missed one.

    Its row sits inside the review screen's one form: a browser must not refuse "Lưu
    chương trình" because this optional row is empty, so no field is marked ``required``
    in the page (the text is still required when the row is added)."""

    use_required_attribute = False

    text = forms.CharField(
        label=_("Nội dung nhiệm vụ"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng nhập nội dung nhiệm vụ.")},
    )
    field_order = ["text", "kind", "period", "responsible"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Vui lòng nhập nội dung nhiệm vụ."))
        return text


class TaskSectionForm(forms.Form):
    """The section of the text the clerk chooses as the task list."""

    section = forms.ChoiceField(label=_("Lấy nhiệm vụ từ phần"))

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(title, title) for title in sections]
