from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.children.register.choices import Conclusion, QuestionGroup, SpaceKind, SpaceStatus, SubjectKind
from gongzhi.core.forms import StyledForm, date_input
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode, PolicyDocument


class AssessmentCreateForm(StyledForm):
    subject_kind = forms.ChoiceField(label=_("评价对象类别"), choices=SubjectKind.choices)
    task = forms.ModelChoiceField(label=_("规划任务"), queryset=PlanNode.objects.none(), required=False)
    policy = forms.ModelChoiceField(
        label=_("政策文件"), queryset=PolicyDocument.objects.none(), required=False
    )
    project_name = forms.CharField(label=_("项目名称"), max_length=200, required=False)
    project_description = forms.CharField(
        label=_("项目简介"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none())

    def __init__(self, *args, tasks=None, policies=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks if tasks is not None else PlanNode.objects.none()
        self.fields["task"].label_from_instance = lambda t: f"{t.document.title} {t.number}{t.display_title}"[
            :120
        ]
        self.fields["policy"].queryset = policies if policies is not None else PolicyDocument.objects.none()
        self.fields["owner_unit"].queryset = units if units is not None else Unit.objects.none()

    def clean(self):
        data = super().clean()
        kind = data.get("subject_kind")
        if kind == SubjectKind.TASK and not data.get("task"):
            self.add_error("task", _("请选择规划任务"))
        if kind == SubjectKind.POLICY and not data.get("policy"):
            self.add_error("policy", _("请选择政策文件"))
        if kind == SubjectKind.PROJECT and not (data.get("project_name") or "").strip():
            self.add_error("project_name", _("请填写项目名称"))
        return data


class AttachForm(StyledForm):
    file = forms.FileField(label=_("佐证材料"))
    question = forms.TypedChoiceField(label=_("对应问题"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", _("整体评价"))] + [
            (q.pk, f"{q.order}. {q.text}") for q in questions
        ]


class ReturnForm(StyledForm):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}))


class SignOffForm(StyledForm):
    conclusion = forms.ChoiceField(label=_("评价结论"), choices=Conclusion.choices)
    required_changes = forms.CharField(
        label=_("须修改事项"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ChecklistForm(StyledForm):
    note = forms.CharField(label=_("修订说明"), max_length=200, required=False)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for group in QuestionGroup:
            texts = [q.text for q in questions if q.group == group.value]
            self.fields[f"group_{group.value}"] = forms.CharField(
                label=group.label,
                required=False,
                initial="\n".join(texts),
                help_text=_("每行一个问题"),
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            )

    def questions(self) -> list[tuple[str, str]]:
        return [
            (group.value, line.strip())
            for group in QuestionGroup
            for line in self.cleaned_data.get(f"group_{group.value}", "").splitlines()
            if line.strip()
        ]


class SpaceForm(StyledForm):
    name = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=SpaceKind.choices)
    location_unit = forms.ModelChoiceField(label=_("所在镇街或村社区"), queryset=Unit.objects.none())
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    responsible_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none())
    status = forms.ChoiceField(label=_("状态"), choices=SpaceStatus.choices)
    status_date = forms.DateField(label=_("状态日期"), widget=date_input())
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, locations=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_unit"].queryset = locations if locations is not None else Unit.objects.none()
        self.fields["responsible_unit"].queryset = units if units is not None else Unit.objects.none()


class SpaceImportForm(StyledForm):
    file = forms.FileField(label=_("空间登记表（.xlsx 或 .csv）"))


class CountingTargetForm(StyledForm):
    indicator = forms.TypedChoiceField(label=_("监测指标"), coerce=int)
    kind = forms.ChoiceField(label=_("空间类别"), choices=SpaceKind.choices)
    statuses = forms.MultipleChoiceField(
        label=_("计入的状态"),
        choices=SpaceStatus.choices,
        initial=[SpaceStatus.BUILT, SpaceStatus.CERTIFIED],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.pk, f"{i.task.number} {i.name}") for i in indicators]
        self.fields["statuses"].widget.attrs["class"] = "form-check-input"
