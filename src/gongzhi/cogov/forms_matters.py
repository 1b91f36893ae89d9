from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cogov.models_matters import MatterKind, MatterUrgency
from gongzhi.org.models import Unit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class MatterForm(forms.Form):
    title = forms.CharField(
        label=_("事项名称"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    kind = forms.ChoiceField(
        label=_("事项类别"), choices=MatterKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    urgency = forms.ChoiceField(
        label=_("紧急程度"),
        choices=MatterUrgency.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    facts = forms.CharField(
        label=_("事实情况"), widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"})
    )
    attachments = MultipleFileField(label=_("附件（可多选）"), required=False)


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("承办单位"), queryset=Unit.objects.none(), widget=forms.Select(attrs={"class": "form-select"})
    )
    deadline = forms.DateField(
        label=_("办理期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    note = forms.CharField(
        label=_("交办意见"), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().order_by("kind", "name")


class CloseForm(forms.Form):
    result = forms.CharField(
        label=_("办结情况"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
