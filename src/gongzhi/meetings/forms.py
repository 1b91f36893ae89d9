from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import StyledForm, date_input
from gongzhi.meetings.choices import AgendaKind, AttendanceStatus, MeetingKind
from gongzhi.org.models import Group, Unit
from gongzhi.plans.models import PolicyDocument


def _units():
    return Unit.objects.active().order_by("sort_order", "name")


class MeetingForm(StyledForm):
    group = forms.ModelChoiceField(label=_("议事协调机构"), queryset=Group.objects.none())
    kind = forms.ChoiceField(label=_("会议类别"), choices=MeetingKind.choices, initial=MeetingKind.JOINT)
    date = forms.DateField(label=_("会议日期"), widget=date_input())
    place = forms.CharField(label=_("会议地点"), max_length=200, required=False)
    convener = forms.CharField(label=_("主持人"), max_length=200, required=False)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()


class MeetingInfoForm(StyledForm):
    date = forms.DateField(label=_("会议日期"), widget=date_input())
    place = forms.CharField(label=_("会议地点"), max_length=200, required=False)
    convener = forms.CharField(label=_("主持人"), max_length=200, required=False)
    summary = forms.CharField(label=_("会议综述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AgendaForm(StyledForm):
    title = forms.CharField(label=_("议题"), max_length=300)
    kind = forms.ChoiceField(label=_("议题类别"), choices=AgendaKind.choices, initial=AgendaKind.OTHER)
    presenter_unit = forms.ModelChoiceField(label=_("汇报单位"), queryset=Unit.objects.none(), required=False)
    plan = forms.ModelChoiceField(label=_("关联方案"), queryset=PolicyDocument.objects.none(), required=False)
    lead_id = forms.IntegerField(label=_("疑点编号"), required=False, min_value=1)
    score_run_id = forms.IntegerField(label=_("考核评分批次"), required=False, min_value=1)
    link = forms.CharField(label=_("材料或链接"), max_length=500, required=False)

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter_unit"].queryset = _units()
        self.fields["plan"].queryset = plans if plans is not None else PolicyDocument.objects.none()


class MatterAgendaForm(StyledForm):
    """An agenda item from an open important matter (cogov): its title, its unit presents."""

    matter = forms.ModelChoiceField(label=_("重要事项"), queryset=PolicyDocument.objects.none())

    def __init__(self, *args, matters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters
        self.fields["matter"].label_from_instance = lambda m: (
            f"{m.title}（{m.unit}，{m.get_state_display()}）"
        )


class AttendanceForm(StyledForm):
    status = forms.ChoiceField(
        label=_("出席情况"),
        choices=[(v, label) for v, label in AttendanceStatus.choices if v != AttendanceStatus.OBSERVER],
    )
    reason = forms.CharField(label=_("请假原因"), max_length=200, required=False)
    substitute_name = forms.CharField(label=_("受委托人"), max_length=50, required=False)
    substitute_post = forms.CharField(label=_("受委托人职务"), max_length=200, required=False)


class ObserverForm(StyledForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.CharField(label=_("职务"), max_length=200, required=False)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class DecisionForm(StyledForm):
    text = forms.CharField(label=_("议定事项"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_units = forms.ModelMultipleChoiceField(label=_("牵头单位"), queryset=Unit.objects.none())
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=Unit.objects.none(), required=False
    )
    deadline = forms.DateField(label=_("完成时限"), widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_units"].queryset = _units()
        self.fields["cooperating_units"].queryset = _units()
        for name in ("lead_units", "cooperating_units"):
            self.fields[name].widget.attrs.update({"size": 6, "class": "form-select"})
