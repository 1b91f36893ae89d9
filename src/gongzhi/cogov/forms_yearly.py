from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import Unit


class SetCreateForm(forms.Form):
    document = forms.ModelChoiceField(label=_("文件"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class RowsForm(forms.Form):
    """One source task of the document and up to ten rows of yearly tasks under it."""

    ROWS = 10
    source_task = forms.ModelChoiceField(label=_("来源任务"), queryset=None)

    def __init__(self, *args, source_tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_task"].queryset = source_tasks
        self.fields["source_task"].label_from_instance = lambda t: t.label[:80]
        units = Unit.objects.active().order_by("kind", "name")
        for i in range(self.ROWS):
            self.fields[f"unit_{i}"] = forms.ModelChoiceField(
                label=_("责任单位"), queryset=units, required=False
            )
            self.fields[f"content_{i}"] = forms.CharField(label=_("任务内容"), max_length=300, required=False)
            self.fields[f"measure_{i}"] = forms.CharField(
                label=_("措施或目标"), max_length=500, required=False
            )
            self.fields[f"deadline_{i}"] = forms.DateField(
                label=_("完成时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )

    def row_fields(self):
        return [
            (self[f"unit_{i}"], self[f"content_{i}"], self[f"measure_{i}"], self[f"deadline_{i}"])
            for i in range(self.ROWS)
        ]

    def clean(self):
        data = super().clean()
        rows = []
        for i in range(self.ROWS):
            unit, content = data.get(f"unit_{i}"), (data.get(f"content_{i}") or "").strip()
            measure, deadline = data.get(f"measure_{i}") or "", data.get(f"deadline_{i}")
            if not (unit or content or measure or deadline):
                continue
            if unit is None:
                self.add_error(f"unit_{i}", _("第%(n)s行责任单位：请选择责任单位") % {"n": i + 1})
            if not content:
                self.add_error(f"content_{i}", _("第%(n)s行任务内容：请填写任务内容") % {"n": i + 1})
            if deadline is None:
                self.add_error(f"deadline_{i}", _("第%(n)s行完成时限：请填写日期") % {"n": i + 1})
            rows.append(
                {
                    "source_task": data.get("source_task"),
                    "unit": unit,
                    "content": content,
                    "measure": measure,
                    "deadline": deadline,
                }
            )
        if not rows and not self.errors:
            raise forms.ValidationError(_("任务内容：请至少填写一行"))
        data["rows"] = rows
        return data
