from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.forms import StyledForm, date_input
from gongzhi.inspections.choices import CaseState, InspectionKind, RectificationState
from gongzhi.inspections.models import Finding
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.evidence import MAX_EVIDENCE_BYTES

EVIDENCE_HELP = _("图片（jpg、png）、PDF、Word（doc、docx）、Excel（xls、xlsx），每个文件不超过 20 MB")


def _date_widget():
    return date_input()


def _check_size(upload) -> None:
    """Refuse a large file before it is read into memory; the content is checked by `evidence_store`."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise forms.ValidationError(_("文件“%(name)s”超过 20 MB 上限"), params={"name": upload.name})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list (empty when none was chosen and none is required)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if not uploads:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        cleaned = []
        for upload in uploads:
            cleaned.append(super().clean(upload, initial))
            _check_size(upload)
        return cleaned


def read_files(uploads) -> list[tuple[str, bytes]]:
    return [(upload.name, upload.read()) for upload in uploads]


class InspectionForm(StyledForm):
    plan = forms.ModelChoiceField(label=_("方案"), queryset=PolicyDocument.objects.none())
    kind = forms.ChoiceField(label=_("方式"), choices=InspectionKind.choices)
    date = forms.DateField(label=_("检查日期"), widget=_date_widget())
    place = forms.CharField(label=_("地点"), max_length=200)
    unit = forms.ModelChoiceField(label=_("被检查单位"), queryset=Unit.objects.active())
    summary = forms.CharField(label=_("检查情况"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    findings = forms.CharField(
        label=_("发现问题"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个问题；保存后也可逐条添加"),
    )
    photos = MultipleFileField(label=_("现场照片及材料"), required=False, help_text=EVIDENCE_HELP)

    def __init__(self, *args, plans=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", clock.today())
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan"].queryset = plans

    def clean_findings(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["findings"].splitlines() if line.strip()]


class FindingForm(StyledForm):
    text = forms.CharField(label=_("发现问题"), widget=forms.Textarea(attrs={"rows": 2}))


class RectificationRaiseForm(StyledForm):
    finding = forms.ModelChoiceField(label=_("针对问题"), queryset=Finding.objects.none())
    unit = forms.ModelChoiceField(label=_("整改单位"), queryset=Unit.objects.active())
    requirement = forms.CharField(label=_("整改要求"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("整改期限"), widget=_date_widget())

    def __init__(self, *args, findings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if findings is not None:
            self.fields["finding"].queryset = findings
        self.fields["finding"].label_from_instance = lambda finding: f"{finding.order}. {finding.text[:60]}"


class RectificationSubmitForm(StyledForm):
    result = forms.CharField(label=_("整改结果"), widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("整改佐证材料"), required=False, help_text=EVIDENCE_HELP)


class RectificationReviewForm(StyledForm):
    comment = forms.CharField(
        label=_("审核意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("退回时必填"),
    )


RECTIFICATION_FILTERS = [("", _("全部")), *RectificationState.choices, ("overdue", _("逾期"))]


class CaseForm(StyledForm):
    plan = forms.ModelChoiceField(label=_("方案"), queryset=PolicyDocument.objects.none())
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("案例内容"), widget=forms.Textarea(attrs={"rows": 12}))
    attachment = forms.FileField(label=_("附件（可选）"), required=False, help_text=EVIDENCE_HELP)

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan"].queryset = plans

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            _check_size(upload)
        return upload


class CaseDecisionForm(StyledForm):
    note = forms.CharField(label=_("遴选意见"), required=False, max_length=300)


CASE_FILTERS = [("", _("全部")), *CaseState.choices]
