"""Public pages (no login): the published A/D taxpayer lists (纳税信用A级、D级纳税人名单).

Only published revisions are read, and only the fields the publication rules allow: name, credit
code, level, evaluation year and, for D, the reason category. Nothing here reads ratings or
shared data; a published revision never changes (gongzhi.credit.lists).
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.files import open_then_remove
from gongzhi.core.params import get_int, get_page, get_str
from gongzhi.credit import lists
from gongzhi.credit.models_lists import ListLevel, ReasonCategory

PAGE_SIZE = 50


def _level(level: str) -> str:
    if level not in ListLevel.values:
        raise Http404("名单不存在")
    return level


def _revision(level: str, eval_year: int, number: int | None):
    try:
        return lists.public_revision(eval_year=eval_year, level=_level(level), number=number)
    except ApplicationError as exc:
        raise Http404(exc.message) from exc


def _query(request) -> tuple[str, bool]:
    """The search words; a query holding an ID number is refused (and never echoed back)."""
    q = get_str(request.GET, "q")
    if lists.scrub_id_numbers(q) != q:
        return "", True
    return q, False


@login_not_required
@require_GET
def credit_index(request):
    """纳税信用A级、D级纳税人名单：已发布的名单（按年度），按名称或统一社会信用代码查询。"""
    q, refused = _query(request)
    return render(
        request,
        "public/credit_index.html",
        {
            "revisions": lists.public_lists(),
            "q": q,
            "refused": refused,
            "results": lists.public_search(q) if q else None,
            "reasons": dict(ReasonCategory.choices),
        },
    )


@login_not_required
@require_GET
def credit_list(request, eval_year: int, level: str):
    """一份已发布名单（最新版本，或 ?v=N 的历史版本），可搜索、分页、下载。"""
    revision = _revision(level, eval_year, get_int(request.GET, "v", None, minimum=1, maximum=10_000))
    q, refused = _query(request)
    entries = lists.entries_search(revision.entries.order_by("seq"), q)
    return render(
        request,
        "public/credit_list.html",
        {
            "revision": revision,
            "credit_list": revision.credit_list,
            "revisions": lists.public_revisions(revision),
            "page": Paginator(entries, PAGE_SIZE).get_page(get_page(request.GET)),
            "q": q,
            "reasons": dict(ReasonCategory.choices),
            "title": lists.revision_title(revision),
            "refused": refused,
        },
    )


@login_not_required
@require_GET
def credit_list_xlsx(request, eval_year: int, level: str):
    revision = _revision(level, eval_year, get_int(request.GET, "v", None, minimum=1, maximum=10_000))
    path = lists.revision_xlsx(revision)
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)
