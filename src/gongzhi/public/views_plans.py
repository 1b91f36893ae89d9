"""Public plan pages (no login): the progress of plans their office chose to publish, written
for citizens -- targets, the latest APPROVED values only (审核通过), charts, and the published
good-practice cases. Never an ID number (every 18-character ID-like token is removed) and no
person's name: values carry no reporter, cases show their unit, title, date and text.

The content of a page is cached per plan and per everything it is built from (the plan's data
version, its publication, its latest published case), so a repeated view costs one small query
set and a render; the response may be kept by a browser or proxy for a minute.
"""

import datetime
import re
from collections import defaultdict

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db.models import Max
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from gongzhi.core.labels import describe_target, value_words
from gongzhi.inspections.choices import CaseState
from gongzhi.inspections.models import GoodPracticeCase
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import warning as engine
from gongzhi.supervision.choices import IndicatorKind, ReportState
from gongzhi.supervision.models import Indicator, IndicatorValue
from gongzhi.supervision.models_funding import PlanPublication
from gongzhi.supervision.monitoring import data_version, spec_for
from gongzhi.supervision.services import monitoring_settings

CACHE_SECONDS = 600
BROWSER_SECONDS = 60
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def scrub(text: str) -> str:
    """Remove anything shaped like a resident ID number (18 characters), valid or not."""
    return _ID_LIKE.sub("（已隐去）", text or "")


def _published_plans():
    return PolicyDocument.objects.filter(public_page__public=True).order_by("-issue_date", "pk")


def _public(response):
    patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
    return response


@login_not_required
@require_GET
def plan_index(request):
    """公开的方案：牵头办公室选择公开的方案及其说明。"""
    plans = [
        {"plan": plan, "intro": scrub(plan.public_page.intro)}
        for plan in _published_plans().select_related("public_page")
    ]
    return _public(render(request, "public/plan_index.html", {"plans": plans}))


def _met(indicator: Indicator, value: float, start: datetime.date) -> bool | None:
    try:
        spec = spec_for(indicator, start)
    except ValueError:
        return None
    if spec is None or spec.per_units:
        return None
    return engine.meets(spec, value)


def _page(plan: PolicyDocument, publication: PlanPublication) -> dict:
    """What the page shows; only approved values of the reporting unit (a per-unit indicator:
    how many units' latest approved value meets the target)."""
    start = monitoring_settings(plan).start
    indicators = list(
        Indicator.objects.filter(plan=plan, active=True)
        .select_related("task", "reporting_unit")
        .prefetch_related("per_units")
        .order_by("order")
    )
    approved: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in (
        IndicatorValue.objects.filter(
            indicator__plan=plan, indicator__active=True, state=ReportState.ACCEPTED
        )
        .only("indicator_id", "unit_id", "period_end", "value", "reported_at")
        .order_by("period_end", "reported_at", "pk")
    ):
        approved[v.indicator_id].append(v)
    areas: dict[str, list[dict]] = defaultdict(list)
    charts = []
    met_count = reported = 0
    for indicator in indicators:
        values = approved.get(indicator.pk, [])
        row = {
            "name": indicator.name,
            "task": indicator.task.number,
            "target": describe_target(indicator),
            "deadline": indicator.deadline,
            "latest": None,
            "latest_date": None,
            "met": None,
            "units": None,
        }
        if indicator.kind == IndicatorKind.PER_UNIT and indicator.per_units.exists():
            latest: dict[int, IndicatorValue] = {}
            for v in values:
                latest[v.unit_id] = v
            units = {u.pk for u in indicator.per_units.all()}
            spec = spec_for(indicator, start)
            done = sum(
                1 for uid, v in latest.items() if uid in units and spec and engine.meets(spec, float(v.value))
            )
            row["units"] = {"total": len(units), "reported": len(units & set(latest)), "met": done}
            reported += bool(latest)
        else:
            own = [v for v in values if v.unit_id == indicator.reporting_unit_id]
            if own:
                last = own[-1]
                row["latest"] = value_words(last.value, indicator.unit_of_measure)
                row["latest_date"] = last.period_end
                row["met"] = _met(indicator, float(last.value), start)
                met_count += bool(row["met"])
                reported += 1
                by_period = {str(v.period_end): float(v.value) for v in own}
                if len(by_period) >= 2:
                    target = None
                    spec = spec_for(indicator, start)
                    if spec is not None:
                        target = engine.target_value(spec)
                    charts.append(
                        {
                            "id": f"chart-{len(charts)}",
                            "name": indicator.name,
                            "unit": indicator.unit_of_measure,
                            "values": sorted(by_period.items()),
                            "target": target,
                        }
                    )
        path = indicator.task.path
        area = path[1] if len(path) > 1 else (path[0] if path else "其他")
        areas[area].append(row)
    cases = [
        {"title": scrub(c.title), "unit": c.unit.name, "published_at": c.published_at, "body": scrub(c.body)}
        for c in GoodPracticeCase.objects.filter(plan=plan, state=CaseState.PUBLISHED)
        .select_related("unit")
        .only("title", "body", "published_at", "unit__name")
        .order_by("-published_at", "-pk")[:20]
    ]
    return {
        "title": plan.title,
        "doc_number": plan.doc_number,
        "intro": scrub(publication.intro),
        "areas": [{"name": name, "rows": rows} for name, rows in areas.items()],
        "charts": charts,
        "counts": {"indicators": len(indicators), "reported": reported, "met": met_count},
        "cases": cases,
    }


def plan_page(plan: PolicyDocument) -> dict:
    """The page's content, cached under a key that changes whenever anything it shows changes."""
    publication = PlanPublication.objects.filter(plan=plan, public=True).first()
    if publication is None:
        raise Http404("方案未公开")
    last_case = GoodPracticeCase.objects.filter(plan=plan, state=CaseState.PUBLISHED).aggregate(
        last=Max("published_at"), n=Max("pk")
    )
    key = (
        f"public:plan:{plan.pk}:{data_version(plan)}:{publication.updated_at.timestamp()}:"
        f"{last_case['last'] and last_case['last'].timestamp()}:{last_case['n']}"
    )
    page = cache.get(key)
    if page is None:
        page = _page(plan, publication)
        cache.set(key, page, CACHE_SECONDS)
    return page


@login_not_required
@require_GET
def plan_detail(request, pk: int):
    """一个公开方案的进展：目标、最新审核通过的数值、图表和优秀工作案例。"""
    plan = _published_plans().filter(pk=pk).first()
    if plan is None:
        raise Http404("方案未公开")
    page = plan_page(plan)
    return _public(render(request, "public/plan_detail.html", {"page": page, "plan_id": plan.pk}))
