from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongzhi.accounts import services
from gongzhi.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    TokenCreateForm,
    UserCreateForm,
)
from gongzhi.accounts.models import ApiToken, User
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.http import service_errors
from gongzhi.core.middleware import client_ip_of
from gongzhi.core.params import get_page, get_str
from gongzhi.core.permissions import access_or_404, require_capability


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated:
        return redirect("workspace:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        services.login_succeeded(user=user, ip=client_ip_of(request))
        target = request.POST.get("next") or get_str(request.GET, "next")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        return redirect(target or "workspace:home")
    return render(request, "accounts/login.html", {"form": form, "next": get_str(request.GET, "next")})


@require_POST
def logout_view(request):
    audit_record(actor=request.user, action=AuditAction.LOGOUT, target=request.user)
    logout(request)
    messages.info(request, "您已安全退出")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            services.password_change(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改")
            return redirect("workspace:home")
    return render(request, "accounts/password_change.html", {"form": form})


def user_list(request):
    require_capability(request.user, "accounts.manage_users")
    users = User.objects.visible_to(request.user).select_related("unit")
    if q := get_str(request.GET, "q"):
        users = (
            users.filter(username__icontains=q)
            | users.filter(full_name__icontains=q)
            | users.filter(unit__name__icontains=q)
        )
    page = Paginator(users.order_by("unit__sort_order", "username"), 50).get_page(get_page(request.GET))
    return render(request, "accounts/user_list.html", {"page": page, "q": q})


@require_http_methods(["GET", "POST"])
def user_create(request):
    require_capability(request.user, "accounts.manage_users")
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            user = services.user_create(actor=request.user, **form.cleaned_data)
            messages.success(request, f"已创建用户“{user.username}”，首次登录须修改密码")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def user_detail(request, pk: int):
    require_capability(request.user, "accounts.manage_users")
    user = access_or_404(User.objects.visible_to(request.user).select_related("unit"), pk)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST":
        with service_errors(form=form):
            if request.POST.get("op") == "unlock":
                services.user_unlock(actor=request.user, user=user)
                messages.success(request, _("已解除登录限制"))
                return redirect("accounts:user_detail", pk=user.pk)
            if request.POST.get("op") == "toggle_active":
                services.user_update(actor=request.user, user=user, is_active=not user.is_active)
                messages.success(request, "已启用" if user.is_active else "已停用")
                return redirect("accounts:user_detail", pk=user.pk)
            if form.is_valid():
                services.user_reset_password(
                    actor=request.user, user=user, new_password=form.cleaned_data["new_password"]
                )
                messages.success(request, "已重置密码，用户下次登录须修改")
                return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_detail.html",
        {"subject": user, "form": form, "restricted_until": services.login_restricted_until(user=user)},
    )


@require_http_methods(["GET", "POST"])
def token_list(request):
    require_capability(request.user, "accounts.manage_tokens")
    form = TokenCreateForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            _token, secret = services.token_create(actor=request.user, **form.cleaned_data)
            messages.warning(request, "令牌只显示这一次，请立即复制保存")
            form = TokenCreateForm()
    tokens = ApiToken.objects.visible_to(request.user).select_related("unit", "created_by")
    return render(request, "accounts/token_list.html", {"form": form, "tokens": tokens, "secret": secret})


@require_POST
def token_revoke(request, pk: int):
    require_capability(request.user, "accounts.manage_tokens")
    token = access_or_404(ApiToken.objects.visible_to(request.user), pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"已吊销令牌“{token.name}”")
    return redirect("accounts:token_list")
