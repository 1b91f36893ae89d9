"""Forms of enterprise requests (企业诉求). They check the shape; the services check the rest (the
credit code's check character, the phone, who acts) and their errors name the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cogov.choices_enterprise import RequestKind, Satisfaction
from gongzhi.cogov.models_enterprise import ANSWER_MAX, CONTENT_MAX
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.forms import StyledForm, date_input
from gongzhi.org.choices import BELOW_TOWN_KINDS
from gongzhi.org.models import Unit


def routable_units():
    """Units that may work a request: departments, towns and streets (not villages or schools)."""
    return Unit.objects.active().exclude(kind__in=BELOW_TOWN_KINDS).order_by("sort_order", "name")


def add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """A service's refusal on the field it names (else on the form)."""
    name = exc.extra.get("field")
    form.add_error(name if name in form.fields else None, exc.message)


class RequestForm(StyledForm):
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    enterprise_name = forms.CharField(label=_("企业名称"), max_length=100)
    contact_name = forms.CharField(label=_("联系人"), max_length=30)
    contact_phone = forms.CharField(
        label=_("联系电话"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    kind = forms.ChoiceField(label=_("诉求类型"), choices=[("", "—"), *RequestKind.choices])
    content = forms.CharField(
        label=_("诉求内容"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": CONTENT_MAX}),
        help_text=_("写清楚遇到了什么问题、希望得到什么帮助（最多%(n)s个字）") % {"n": CONTENT_MAX},
    )


class PublicRequestForm(RequestForm):
    """The public form: the same fields and a field people do not see (a robot fills it in)."""

    website = forms.CharField(
        label=_("请不要填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class RouteForm(StyledForm):
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("协办单位"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("可多选（按住 Ctrl 或在手机上逐个点选）；各协办单位分别答复本单位负责的部分"),
    )
    deadline = forms.DateField(
        label=_("答复期限"), required=False, widget=date_input(), help_text=_("不填则为分办之日起7天")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = routable_units()
        self.fields["co_units"].queryset = routable_units()


class AnswerForm(StyledForm):
    answer = forms.CharField(
        label=_("答复意见"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("本单位负责部分的办理情况"),
    )


class CloseForm(StyledForm):
    reply = forms.CharField(
        label=_("答复企业"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("汇总各单位意见，写明给企业的办理结果"),
    )


class RateForm(StyledForm):
    satisfaction = forms.ChoiceField(
        label=_("满意度"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("评价意见"),
        max_length=200,
        required=False,
        widget=forms.TextInput(),
        help_text=_("不满意时请写明原因"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satisfaction"].widget.attrs["class"] = "form-check-input"


class StatusForm(forms.Form):
    receipt_no = forms.CharField(
        label=_("受理编号"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
