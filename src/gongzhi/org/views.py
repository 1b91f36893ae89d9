from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_str
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.org import selectors, services
from gongzhi.org.choices import UnitKind
from gongzhi.org.forms import (
    MembershipAddForm,
    MembershipChangeForm,
    MembershipEndForm,
    UnitForm,
    UnitsUploadForm,
)
from gongzhi.org.models import Membership


def unit_list(request):
    require_capability(request.user, "org.view")
    search = get_str(request.GET, "q")
    kind = get_choice(request.GET, "kind", UnitKind)
    if search or kind:
        hits, suggestions = (
            selectors.unit_search(search=search) if search else (list(selectors.unit_list(kind=kind)), [])
        )
        if kind and search:
            hits = [u for u in hits if u.kind == kind]
        context = {"units": hits, "suggestions": suggestions, "tree": None}
    else:
        context = {"tree": selectors.unit_tree(), "units": None, "suggestions": []}
    context.update(
        q=search,
        kind=kind,
        kinds=UnitKind.choices,
        upload_form=UnitsUploadForm(),
        can_manage=request.user.has_capability("org.manage_units"),
    )
    return render(request, "org/unit_list.html", context)


def unit_detail(request, pk: int):
    require_capability(request.user, "org.view")
    unit = selectors.unit_get(pk=pk)
    can_workspace = selectors.can_see_unit_workspace(request.user, unit)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "can_workspace": can_workspace,
            "memberships": unit.memberships.current().select_related("group", "person"),
        },
    )


@require_http_methods(["GET", "POST"])
def unit_create(request):
    require_capability(request.user, "org.manage_units")
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form=form):
            unit = services.unit_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                parent=data["parent"],
                short_name=data["short_name"],
                aliases=[a for a in data["aliases"].replace(";", "；").split("；") if a],
            )
            messages.success(request, f"已新增单位“{unit.name}”")
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form})


@require_http_methods(["POST"])
def units_upload(request):
    require_capability(request.user, "org.manage_units")
    form = UnitsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的文件")
        return redirect("org:unit_list")
    upload = form.cleaned_data["file"]

    def show_rows(exc) -> None:
        for error in exc.extra.get("errors", [])[:20]:
            messages.error(request, f"第{error['row']}行“{error['field']}”：{error['reason']}")
        messages.error(request, f"导入失败，未保存任何内容。{exc.message}")

    with service_errors(handle=show_rows):
        counts = services.units_load(actor=request.user, data=upload.read(), filename=upload.name)
        messages.success(
            request,
            f"导入完成：新增{counts['created']}个，更新{counts['updated']}个，未变{counts['unchanged']}个",
        )
    return redirect("org:unit_list")


def group_list(request):
    require_capability(request.user, "org.view")
    return render(request, "org/group_list.html", {"groups": selectors.group_list()})


def group_detail(request, pk: int):
    require_capability(request.user, "org.view")
    group = selectors.group_get(pk=pk)
    rows = selectors.group_members(group=group, user=request.user)
    by_role: dict[str, list] = {}
    for row in rows:
        by_role.setdefault(row["role"], []).append(row)
    return render(
        request,
        "org/group_detail.html",
        {
            "group": group,
            "by_role": by_role,
            "member_count": len(rows),
            "history": selectors.membership_history(group=group),
            "can_manage": request.user.has_capability("org.manage_groups"),
            "add_form": MembershipAddForm(),
        },
    )


@require_http_methods(["POST"])
def membership_add(request, pk: int):
    require_capability(request.user, "org.manage_groups")
    group = selectors.group_get(pk=pk)
    form = MembershipAddForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with service_errors(request):
            person = services.person_get_or_create(
                actor=request.user, name=data["name"], unit=data["unit"], title=data["position_title"]
            )
            services.membership_add(
                actor=request.user,
                group=group,
                person=person,
                role=data["role"],
                position_title=data["position_title"],
                since=data["since"],
                note=data["note"],
            )
            messages.success(request, f"已增补成员“{person.name}”")
    else:
        messages.error(
            request,
            "请完整填写成员信息："
            + "；".join(f"{form.fields[f].label}{e[0]}" for f, e in form.errors.items() if f in form.fields),
        )
    return redirect("org:group_detail", pk=group.pk)


@require_http_methods(["GET", "POST"])
def membership_edit(request, pk: int):
    require_capability(request.user, "org.manage_groups")
    membership = access_or_404(Membership.objects.current().select_related("group", "person"), pk)
    end_form = MembershipEndForm(request.POST if request.POST.get("op") == "end" else None)
    change_form = MembershipChangeForm(
        request.POST if request.POST.get("op") == "change" else None,
        initial={"role": membership.role, "position_title": membership.position_title},
    )
    with service_errors(request):
        if end_form.is_bound and end_form.is_valid():
            services.membership_end(actor=request.user, membership=membership, **end_form.cleaned_data)
            messages.success(request, f"“{membership.person.name}”已调整离任，记录保留在历史中")
            return redirect("org:group_detail", pk=membership.group_id)
        if change_form.is_bound and change_form.is_valid():
            services.membership_change(actor=request.user, membership=membership, **change_form.cleaned_data)
            messages.success(request, f"“{membership.person.name}”的职务已变更，原记录保留在历史中")
            return redirect("org:group_detail", pk=membership.group_id)
    return render(
        request,
        "org/membership_edit.html",
        {"membership": membership, "end_form": end_form, "change_form": change_form},
    )
