from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.children.choices import Adoption, AgeBand, CouncilLevel
from gongzhi.children.models import SUGGESTION_MAX, Council
from gongzhi.core.forms import StyledForm, date_input
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode


def _units():
    return Unit.objects.active().order_by("sort_order", "name")


class CouncilForm(StyledForm):
    name = forms.CharField(label=_("名称"), max_length=100)
    level = forms.ChoiceField(label=_("层级"), choices=CouncilLevel.choices)
    parent = forms.ModelChoiceField(label=_("上级议事会"), queryset=Council.objects.none(), required=False)
    facilitator_unit = forms.ModelChoiceField(label=_("辅导单位"), queryset=Unit.objects.none())
    place = forms.CharField(label=_("学校或社区"), max_length=100, required=False)
    founded_on = forms.DateField(label=_("成立日期"), widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Council.objects.exclude(level=CouncilLevel.COMMUNITY).order_by(
            "level", "name"
        )
        self.fields["facilitator_unit"].queryset = _units()


class MemberForm(StyledForm):
    name = forms.CharField(label=_("姓名"), max_length=20)
    age_band = forms.ChoiceField(label=_("年龄段"), choices=AgeBand.choices)
    school = forms.CharField(label=_("学校或社区"), max_length=100)
    guardian_consent = forms.BooleanField(label=_("监护人已书面同意"), required=True)
    consent_date = forms.DateField(label=_("监护人同意日期"), widget=date_input())
    joined_on = forms.DateField(label=_("加入日期"), widget=date_input())


class MemberLeaveForm(StyledForm):
    left_on = forms.DateField(label=_("退出日期"), widget=date_input())


class SessionForm(StyledForm):
    date = forms.DateField(label=_("活动日期"), widget=date_input())
    topic = forms.CharField(label=_("议题"), max_length=200)
    minutes = forms.CharField(label=_("活动纪要"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attendance = forms.IntegerField(label=_("参加人数"), min_value=0, max_value=500, initial=0)
    suggestions = forms.CharField(
        label=_("孩子们提出的建议（每行一条）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_suggestions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["suggestions"].splitlines() if line.strip()]
        for line in lines:
            if len(line) > SUGGESTION_MAX:
                raise forms.ValidationError(_("每条建议最多%(n)s个字") % {"n": SUGGESTION_MAX})
        return lines


class RouteForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("办理单位"), queryset=Unit.objects.none())
    deadline = forms.DateField(
        label=_("答复期限"), required=False, widget=date_input(), help_text=_("不填则为交办之日起30天")
    )
    task = forms.ModelChoiceField(label=_("关联方案任务"), queryset=PlanNode.objects.none(), required=False)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()
        if plan is not None:
            self.fields["task"].queryset = plan.nodes.tasks().current().order_by("order")
            self.fields["task"].label_from_instance = lambda n: f"{n.number} {n.display_title}"[:60]


class AnswerForm(StyledForm):
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=Adoption.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("给孩子们的答复"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("用孩子能读懂的话写：做了什么、什么时候做好，或者为什么暂时做不到"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adoption"].widget.attrs["class"] = "form-check-input"


class PublicSuggestionForm(forms.Form):
    """The children's form: only the suggestion is needed; the rest is optional; `website` is a
    field people do not see (a robot that fills it in is ignored)."""

    text = forms.CharField(
        label=_("你的建议"),
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control", "maxlength": SUGGESTION_MAX}),
    )
    first_name = forms.CharField(
        label=_("你的名字（可以不填）"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    age_band = forms.ChoiceField(
        label=_("你几岁（可以不填）"),
        choices=[("", "—"), *AgeBand.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    school = forms.CharField(
        label=_("你的学校或社区（可以不填）"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    website = forms.CharField(
        label=_("请不要填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
