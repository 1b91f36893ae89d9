"""Pages of the councils and suggestions (logged in): thin — form, access check, one service."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.children import selectors, services
from gongzhi.children.choices import SuggestionState
from gongzhi.children.forms import (
    AnswerForm,
    CouncilForm,
    MemberForm,
    MemberLeaveForm,
    RouteForm,
    SessionForm,
)
from gongzhi.children.models import ChildrenPage
from gongzhi.children.permissions import can_answer, can_facilitate, can_manage, can_see_members
from gongzhi.core import clock
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice
from gongzhi.core.permissions import require_capability


@require_GET
def council_list(request):
    councils = list(selectors.council_list(user=request.user))
    return render(
        request,
        "children/council_list.html",
        {
            "rows": selectors.council_tree(councils),
            "can_create": can_manage(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def council_create(request):
    require_capability(request.user, "children.manage")
    form = CouncilForm(request.POST or None, initial={"founded_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            council = services.council_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("已设立%(council)s") % {"council": council})
            return redirect("children:council_detail", council.pk)
    return render(request, "children/council_form.html", {"form": form})


def _council_context(request, council, **forms):
    user = request.user
    facilitate = can_facilitate(user, council)
    context = {
        "council": council,
        "sessions": list(selectors.session_list(council=council)[:100]),
        "sub_councils": list(council.children.order_by("name")),
        "members_visible": can_see_members(user, council),
        "current_members": council.members.filter(left_on__isnull=True).count(),
        "facilitate": facilitate,
        "suggestions": list(
            selectors.suggestion_list(user=user).filter(council=council)[:50]
            if selectors.can_view(user)
            else []
        ),
    }
    if facilitate:
        context["session_form"] = forms.get("session_form") or SessionForm(initial={"date": clock.today()})
    return context


@require_GET
def council_detail(request, pk: int):
    council = selectors.council_get(user=request.user, pk=pk)
    return render(request, "children/council_detail.html", _council_context(request, council))


@require_POST
def session_add(request, pk: int):
    council = selectors.council_get(user=request.user, pk=pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        with service_errors(form=form):
            session = services.session_record(actor=request.user, council=council, **form.cleaned_data)
            messages.success(
                request,
                _("已记录活动“%(topic)s”和%(n)s条建议")
                % {"topic": session.topic, "n": session.suggestions.count()},
            )
            return redirect("children:council_detail", council.pk)
    return render(
        request, "children/council_detail.html", _council_context(request, council, session_form=form)
    )


@require_http_methods(["GET", "POST"])
def council_members(request, pk: int):
    """成员名单（未成年人信息）：辅导单位和区妇儿工委办公室可见，每次查看都记入审计日志。"""
    council = selectors.council_get(user=request.user, pk=pk)
    form = MemberForm(request.POST or None, initial={"joined_on": clock.today()})
    if request.method == "POST":
        if form.is_valid():
            with service_errors(form=form):
                services.member_add(actor=request.user, council=council, **form.cleaned_data)
                messages.success(request, _("已增加成员"))
                return redirect("children:council_members", council.pk)
    members = selectors.council_members(user=request.user, council=council)
    return render(
        request,
        "children/council_members.html",
        {"council": council, "members": members, "form": form, "leave_form": MemberLeaveForm()},
    )


@require_POST
def member_leave(request, pk: int):
    member = selectors.member_get(user=request.user, pk=pk)
    form = MemberLeaveForm(request.POST)
    with service_errors(request):
        if not form.is_valid():
            messages.error(request, _("请填写退出日期"))
        else:
            services.member_leave(actor=request.user, member=member, **form.cleaned_data)
            messages.success(request, _("已记录成员退出"))
    return redirect("children:council_members", member.council_id)


@require_GET
def suggestion_list(request):
    user = request.user
    state = get_choice(request.GET, "state", SuggestionState, "")
    suggestions = list(selectors.suggestion_list(user=user, state=state)[:300])
    return render(
        request,
        "children/suggestion_list.html",
        {
            "suggestions": suggestions,
            "state": state,
            "states": SuggestionState.choices,
            "by_council": selectors.suggestion_counts(user=user, by="council"),
            "by_unit": selectors.suggestion_counts(user=user, by="unit"),
            "due": selectors.suggestions_due(user=user),
            "today": clock.today(),
        },
    )


def _children_plan():
    page = ChildrenPage.objects.select_related("plan").order_by("-published", "pk").first()
    return page.plan if page else None


def _suggestion_context(request, suggestion, **forms):
    user = request.user
    manage = can_manage(user)
    sender = selectors.shows_sender(user, suggestion)
    if sender:
        selectors.suggestion_sender_read(user=user, suggestion=suggestion)
    answerable = can_answer(user, suggestion) and suggestion.state in (
        SuggestionState.ROUTED,
        SuggestionState.ANSWERED,
    )
    context = {
        "s": suggestion,
        "manage": manage,
        "show_sender": sender,
        "today": clock.today(),
    }
    if manage and suggestion.state in (SuggestionState.NEW, SuggestionState.ROUTED):
        context["route_form"] = forms.get("route_form") or RouteForm(
            plan=_children_plan(),
            initial={"unit": suggestion.unit_id, "deadline": suggestion.deadline, "task": suggestion.task_id},
        )
    if answerable:
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            initial={"adoption": suggestion.adoption, "answer": suggestion.answer}
        )
    return context


@require_GET
def suggestion_detail(request, pk: int):
    suggestion = selectors.suggestion_get(user=request.user, pk=pk)
    return render(request, "children/suggestion_detail.html", _suggestion_context(request, suggestion))


@require_POST
def suggestion_route(request, pk: int):
    suggestion = selectors.suggestion_get(user=request.user, pk=pk)
    form = RouteForm(request.POST, plan=_children_plan())
    if form.is_valid():
        with service_errors(form=form):
            services.suggestion_route(actor=request.user, suggestion=suggestion, **form.cleaned_data)
            messages.success(request, _("已交办%(unit)s") % {"unit": suggestion.unit})
            return redirect("children:suggestion_detail", suggestion.pk)
    return render(
        request,
        "children/suggestion_detail.html",
        _suggestion_context(request, suggestion, route_form=form),
    )


@require_POST
def suggestion_answer(request, pk: int):
    suggestion = selectors.suggestion_get(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        with service_errors(form=form):
            services.suggestion_answer(actor=request.user, suggestion=suggestion, **form.cleaned_data)
            messages.success(request, _("已答复"))
            return redirect("children:suggestion_detail", suggestion.pk)
    return render(
        request,
        "children/suggestion_detail.html",
        _suggestion_context(request, suggestion, answer_form=form),
    )


@require_POST
def suggestion_publish(request, pk: int):
    suggestion = selectors.suggestion_get(user=request.user, pk=pk)
    with service_errors(request):
        services.suggestion_publish(actor=request.user, suggestion=suggestion)
        messages.success(request, _("已公开，孩子们可以在儿童版公开页看到答复"))
    return redirect("children:suggestion_detail", suggestion.pk)
