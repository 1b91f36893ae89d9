"""The NinjaAPI: every app's router under /api/v1/, one error shape everywhere."""

import json

from django.http import Http404
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import _csrf_needed

from gongzhi.accounts.api import router as accounts_router
from gongzhi.accounts.api_auth import API_AUTH
from gongzhi.cogov.api import router as cogov_router
from gongzhi.core.api import router as core_router
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.credit.api import router as credit_router
from gongzhi.exchange.api import router as exchange_router
from gongzhi.inspections.api import router as inspections_router
from gongzhi.org.api import router as org_router
from gongzhi.plans.api import router as plans_router
from gongzhi.supervision.api import router as supervision_router
from gongzhi.taxrisk.api import router as taxrisk_router


class LocalSwagger(Swagger):
    """Swagger UI from ninja's local files (settings.NINJA_DIR), never from a CDN: ninja serves
    the local page only when "ninja" is an installed app, which it is not (see settings)."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


api = NinjaAPI(
    title="共治 gongzhi API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    docs_url="/docs",
    docs=LocalSwagger(),
)


def _error(request, status: int, code: str, message: str, extra=None):
    return api.create_response(
        request, {"code": code, "message": message, "extra": extra or {}}, status=status
    )


# a service's refusal by its code; any other code is 400 (see core.api.errors for what each
# operation declares)
STATUS = {
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.DUPLICATE: 409,
    ErrorCode.DATA_MISSING: 503,
}


@api.exception_handler(ApplicationError)
def on_application_error(request, exc: ApplicationError):
    return _error(request, STATUS.get(exc.code, 400), exc.code, exc.message, exc.extra)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, ErrorCode.NOT_FOUND, "不存在或无权访问")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _error(request, 401, "unauthenticated", "未登录或接口令牌无效")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # django-ninja's own refusals (a session's unsafe request without its CSRF token: 403)
    if exc.status_code == 403:
        message = "请求被拒绝：缺少或无效的 CSRF 令牌" if "CSRF" in str(exc.message) else "没有权限执行此操作"
        return _error(request, 403, ErrorCode.PERMISSION_DENIED, message)
    return _error(request, exc.status_code, ErrorCode.INVALID_INPUT, str(exc.message))


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return _error(request, 422, ErrorCode.INVALID_INPUT, "请求参数不正确", {"errors": exc.errors})


api.add_router("/", core_router)
api.add_router("/org/", org_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/", plans_router)
api.add_router("/exchange/", exchange_router)
api.add_router("/supervision/", supervision_router)
api.add_router("/credit/", credit_router)
api.add_router("/taxrisk/", taxrisk_router)
api.add_router("/inspections/", inspections_router)
api.add_router("/cogov/", cogov_router)
