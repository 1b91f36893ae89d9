"""The children's public pages (no login): the plan in plain words with pictures of its targets
(approved values only), what children suggested and what happened (published answers only, never
a name), and the suggestion form (no personal data needed; rate-limited per address, a honeypot,
a length limit, CSRF on)."""

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.children import selectors, services
from gongzhi.children.forms import PublicSuggestionForm
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.request_context import current_client_ip

RATE_LIMIT = 5  # suggestions per address
RATE_WINDOW = 3600  # seconds


def _rate_key(request) -> str:
    ip = current_client_ip() or request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]
    return f"children:suggest:{digest}"


def _over_limit(request) -> bool:
    return (cache.get(_rate_key(request)) or 0) >= RATE_LIMIT


def _count(request) -> None:
    key = _rate_key(request)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, RATE_WINDOW)


@login_not_required
@require_GET
def children_home(request):
    """给孩子们看的儿童友好城市：目标的图和进度，孩子们的建议和答复。"""
    page = selectors.public_page()
    response = render(request, "public/children_home.html", {"page": page})
    patch_cache_control(response, public=True, max_age=300)
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def children_suggest(request):
    """孩子们的建议表：不用登录，不用写名字。"""
    form = PublicSuggestionForm(request.POST or None)
    limited = False
    if request.method == "POST":
        if _over_limit(request):
            limited = True
        elif form.is_valid():
            _count(request)
            data = form.cleaned_data
            if not data["website"]:  # a robot filled the hidden field: thank it, keep nothing
                try:
                    services.suggestion_submit_public(
                        actor=request.user,
                        text=data["text"],
                        first_name=data["first_name"],
                        age_band=data["age_band"],
                        school=data["school"],
                    )
                except ApplicationError as exc:
                    form.add_error("text", exc.message)
                    return render(request, "public/children_suggest.html", {"form": form}, status=400)
            return redirect("public:children_thanks")
    response = render(
        request,
        "public/children_suggest.html",
        {"form": form, "limited": limited},
        status=429 if limited else (400 if request.method == "POST" else 200),
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_not_required
@require_GET
def children_thanks(request):
    return render(request, "public/children_thanks.html")
