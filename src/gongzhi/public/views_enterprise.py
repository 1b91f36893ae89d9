"""Enterprise requests on the public pages (no login, CSRF on): an enterprise files its request
with its credit code (checked), gets a receipt number, and follows the request's state on the
status page by receipt number and credit code, where it also rates the reply once it is closed.
The status page shows no personal data (no contact, no unit's internal answer).

Abuse: a honeypot field; one address may file `services.PUBLIC_LIMIT` requests an hour (counted
in the database by a keyed hash of the address, so every web process sees the same count); the
status page allows `LOOKUP_LIMIT` failed look-ups an hour per address (a receipt number is not
guessable either: 6 random characters after the date)."""

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.cogov import selectors_enterprise as selectors
from gongzhi.cogov import services_enterprise as services
from gongzhi.cogov.forms_enterprise import PublicRequestForm, RateForm, StatusForm, add_service_error
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.request_context import current_client_ip

LOOKUP_LIMIT = 20  # failed status look-ups per address …
LOOKUP_WINDOW = 3600  # … within this many seconds
SESSION_KEY = "enterprise_receipt"


def _address(request) -> str:
    return current_client_ip() or request.META.get("REMOTE_ADDR", "")


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def enterprise_request(request):
    """企业诉求公开受理：不用登录，填写统一社会信用代码，提交后得到受理编号。"""
    form = PublicRequestForm(request.POST or None)
    status, limited = 200, False
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            if data.pop("website"):  # a robot filled the hidden field: thank it, keep nothing
                return redirect("public:enterprise_thanks")
            try:
                created = services.request_submit_public(
                    actor=request.user,
                    client=services.client_hash(_address(request)),
                    **data,
                )
            except ApplicationError as exc:
                if exc.code == services.RATE_LIMITED:
                    status, limited = 429, True
                else:
                    add_service_error(form, exc)
            else:
                request.session[SESSION_KEY] = created.receipt_no
                return redirect("public:enterprise_thanks")
    return _private(
        render(request, "public/enterprise_request.html", {"form": form, "limited": limited}, status=status)
    )


@login_not_required
@require_GET
def enterprise_thanks(request):
    """The receipt number of the request just filed (from the session: never in the address)."""
    receipt = request.session.get(SESSION_KEY, "")
    return _private(render(request, "public/enterprise_thanks.html", {"receipt": receipt}))


def _lookup_key(request) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{_address(request)}".encode()).hexdigest()[:32]
    return f"enterprise:status:{digest}"


def _lookup_failed(request) -> None:
    key = _lookup_key(request)
    if not cache.add(key, 1, LOOKUP_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, LOOKUP_WINDOW)


@login_not_required
@require_http_methods(["GET", "POST"])
def enterprise_status(request):
    """办理情况查询：受理编号 + 统一社会信用代码；办结后企业可以评价。"""
    params = request.POST if request.method == "POST" else request.GET
    form = StatusForm(params if params.get("receipt_no") or params.get("uscc") else None)
    found, status, limited, rate_form = None, 200, False, None
    if form.is_bound:
        if (cache.get(_lookup_key(request)) or 0) >= LOOKUP_LIMIT:
            status, limited = 429, True
        elif form.is_valid():
            found = selectors.public_status(**form.cleaned_data)
            if found is None:
                _lookup_failed(request)
                form.add_error(None, "没有找到：请核对受理编号和统一社会信用代码")
    if found is not None and found.state == "closed" and not found.satisfaction:
        rate_form = RateForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if rate_form.is_valid():
                try:
                    services.request_rate_public(
                        actor=request.user, **form.cleaned_data, **rate_form.cleaned_data
                    )
                except ApplicationError as exc:
                    add_service_error(rate_form, exc)
                else:
                    return redirect(f"{request.path}?receipt_no={found.receipt_no}&uscc={found.uscc}&rated=1")
            status = 400
    elif request.method == "POST" and found is not None:
        status = 409  # nothing to rate (not closed yet, or rated already)
    return _private(
        render(
            request,
            "public/enterprise_status.html",
            {
                "form": form,
                "found": found,
                "parts": list(found.units.all()) if found else [],
                "rate_form": rate_form,
                "limited": limited,
                "rated": params.get("rated") == "1",
            },
            status=status,
        )
    )
