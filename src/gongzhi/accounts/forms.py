import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import StyledForm
from gongzhi.core.roles import Role
from gongzhi.org.models import Unit


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续失败多次后须等待一段时间才能再试。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # the same words whether the account exists or not (backends.ThrottledModelBackend)
            if wait := getattr(self.request, "gongzhi_login_wait", 0):
                raise forms.ValidationError(
                    _("尝试过于频繁，请%(minutes)s分钟后再试。") % {"minutes": math.ceil(wait / 60)},
                    code="throttled",
                ) from None
            raise


class PasswordChangeForm(StyledForm):
    old_password = forms.CharField(label=_("原密码"), widget=forms.PasswordInput)
    new_password = forms.CharField(
        label=_("新密码"), widget=forms.PasswordInput, help_text=_("至少8位，不能全为数字，不能过于常见")
    )
    new_password2 = forms.CharField(label=_("确认新密码"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password") != data.get("new_password2"):
            raise forms.ValidationError(_("两次输入的新密码不一致"))
        return data


class UserCreateForm(StyledForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.active())
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    password = forms.CharField(
        label=_("初始密码"), widget=forms.PasswordInput, help_text=_("用户首次登录后须修改")
    )


class PasswordResetForm(StyledForm):
    new_password = forms.CharField(
        label=_("临时密码"), widget=forms.PasswordInput, help_text=_("用户下次登录须修改")
    )


class TokenCreateForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.active())
    name = forms.CharField(label=_("用途名称"), max_length=100, help_text=_("例如：卫健局业务系统报送指标"))
    expires_at = forms.DateTimeField(
        label=_("有效期至"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
