"""Pages of the important-matter reports: the list, filing (phone-sized), one matter with its
acknowledgement, assignment and closing, and its attachments."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.cogov import selectors_matters as selectors
from gongzhi.cogov import services_matters as services
from gongzhi.cogov.forms_matters import AssignForm, CloseForm, MatterForm
from gongzhi.cogov.models_matters import MatterState
from gongzhi.core import clock
from gongzhi.core.exporters.docx import cn_date
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_int
from gongzhi.core.permissions import require_capability


@require_GET
def matters_list(request):
    today = clock.today()
    states = {**selectors.EXTRA_STATES, **dict(MatterState.choices)}
    state = get_choice(request.GET, "state", states)
    scope = get_choice(request.GET, "scope", {"filed": "", "assigned": ""})
    closed_year = get_int(request.GET, "closed_year", None, minimum=2000, maximum=2099)
    matters = list(
        selectors.matter_list(
            user=request.user, state=state, scope=scope, closed_year=closed_year, today=today
        )[:300]
    )
    return render(
        request,
        "cogov/matters/list.html",
        {
            "matters": matters,
            "state": state,
            "scope": scope,
            "states": MatterState.choices,
            "state_label": states.get(state, ""),
            "closed_year": closed_year,
            "today": today,
            "can_file": request.user.has_capability("cogov.matters_file"),
        },
    )


@require_http_methods(["GET", "POST"])
def matters_new(request):
    require_capability(request.user, "cogov.matters_file")
    form = MatterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form=form):
            matter = services.matter_file(
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                urgency=data["urgency"],
                facts=data["facts"],
                attachments=[(f.name, f.read()) for f in data["attachments"]],
            )
            messages.success(
                request,
                _("已报告重要事项，共治办应于%(day)s前签收") % {"day": cn_date(matter.due_date)},
            )
            return redirect("cogov:matters_detail", matter.pk)
    return render(request, "cogov/matters/new.html", {"form": form})


@require_GET
def matters_detail(request, pk: int):
    matter = selectors.matter_get(user=request.user, pk=pk)
    handle = request.user.has_capability("cogov.matters_handle")
    return render(
        request,
        "cogov/matters/detail.html",
        {
            "matter": matter,
            "attachments": list(matter.attachments.all()),
            "meetings": selectors.matter_meetings(user=request.user, matter=matter),
            "handle": handle,
            "assign_form": AssignForm(initial={"unit": matter.assigned_unit_id}) if handle else None,
            "close_form": CloseForm() if handle else None,
            "today": clock.today(),
        },
    )


@require_POST
def matters_act(request, pk: int, action: str):
    """签收 / 交办 / 办结: one POST each."""
    matter = selectors.matter_get(user=request.user, pk=pk, audit=False)
    require_capability(request.user, "cogov.matters_handle")
    with service_errors(request):
        if action == "acknowledge":
            services.matter_acknowledge(actor=request.user, matter=matter)
            messages.success(request, _("已签收"))
        elif action == "assign":
            form = AssignForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            else:
                services.matter_assign(actor=request.user, matter=matter, **form.cleaned_data)
                messages.success(request, _("已交办%(unit)s") % {"unit": form.cleaned_data["unit"]})
        elif action == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("办结情况：请填写办理结果"))
            else:
                services.matter_close(actor=request.user, matter=matter, result=form.cleaned_data["result"])
                messages.success(request, _("已办结"))
        else:
            raise Http404
    return redirect("cogov:matters_detail", matter.pk)


@require_GET
def matters_attachment(request, pk: int):
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    try:
        handle = open(attachment.file_path, "rb")
    except FileNotFoundError as exc:
        raise Http404("附件文件缺失") from exc
    return FileResponse(
        handle, as_attachment=True, filename=attachment.filename, content_type=attachment.content_type
    )
