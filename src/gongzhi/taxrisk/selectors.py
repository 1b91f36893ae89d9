import datetime
from dataclasses import dataclass

import yaml
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.periods import date_words
from gongzhi.core.permissions import access_or_404
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.warehouse import open_warehouse
from gongzhi.taxrisk import hooks
from gongzhi.taxrisk.choices import LeadStatus
from gongzhi.taxrisk.models import Lead, LeadEvent, RiskRun

KEY_INDUSTRIES = {
    "lodging": ("住宿和餐饮业", ["H"]),
    "real_estate": ("房地产业", ["K70"]),
    "markets": ("专业市场（批发和零售业）", ["F"]),
}


def lead_list(
    *,
    user,
    rule: str = "",
    industry: str = "",
    town: str = "",
    status: str = "",
    min_amount=None,
    overdue: bool = False,
) -> QuerySet[Lead]:
    leads = Lead.objects.visible_to(user).select_related("rule", "assignee", "assignee_unit")
    if rule:
        leads = leads.filter(rule__code=rule)
    if industry:
        leads = leads.filter(industry_code__startswith=industry)
    if town:
        leads = leads.filter(town=town)
    if status:
        leads = leads.filter(status=status)
    if min_amount is not None:
        leads = leads.filter(tax_at_risk__gte=min_amount)
    if overdue:
        leads = leads.filter(
            status__in=[LeadStatus.DISPATCHED, LeadStatus.VERIFYING], deadline__lt=clock.today()
        )
    return leads


def lead_get(*, user, pk, purpose: str = "核实疑点") -> Lead:
    """Every view of a lead is audited."""
    lead = access_or_404(Lead.objects.visible_to(user).select_related("rule", "rule__current"), pk)
    audit_record(actor=user, action=AuditAction.LEAD_VIEWED, target=lead, purpose=purpose)
    return lead


def lead_credit_levels(*, user, leads) -> dict[str, tuple[int, str]]:
    """uscc -> (eval_year, level) of the taxpayers of `leads` (a page of the lead list): each
    one's latest evaluation year in the ratings (dataset `credit_rating`), in one warehouse read
    for the page. Empty when the user may not read credit ratings."""
    usccs = {lead.uscc for lead in leads if lead.uscc}
    source = hooks.credit_levels()  # the credit app's, above this one
    if not usccs or source is None or not user.has_capability("credit.view"):
        return {}
    return source(usccs, user=user, purpose="风险疑点清单：纳税信用")


def taxpayer_view(*, user, uscc: str) -> dict:
    """The taxpayer's 360° view from the current shared data: registry, payments, declarations
    (for those who may see leads; read through the warehouse and audited). The credit level is
    not the registry's (its `credit_level` may lag behind the ratings): the credit panel beside
    it shows the ratings (dataset `credit_rating`)."""
    with open_warehouse(
        user=user,
        datasets=["taxpayer", "tax_paid", "declaration"],
        purpose="核实疑点：纳税人全景",
        capability="taxrisk.view_leads",
    ) as wh:
        registry = wh.rows(
            "SELECT name, industry_code, town, status, kind FROM taxpayer WHERE uscc = ? LIMIT 1",
            [uscc],
        )
        payments = wh.rows(
            "SELECT period, tax_type, sum(amount), max(paid_date) FROM tax_paid "
            "WHERE uscc = ? GROUP BY period, tax_type ORDER BY period DESC LIMIT 36",
            [uscc],
        )
        declarations = wh.rows(
            "SELECT period, revenue, zero_declared FROM declaration "
            "WHERE uscc = ? ORDER BY period DESC LIMIT 24",
            [uscc],
        )
        wh.detail["uscc"] = uscc
    return {"registry": registry[0] if registry else None, "payments": payments, "declarations": declarations}


def industry_payments(*, user, prefixes: list[str]) -> list[tuple]:
    """Tax paid per period by the taxpayers of a key industry (GB/T 4754 code prefixes)."""
    with open_warehouse(
        user=user, datasets=["tax_paid", "taxpayer"], purpose="重点行业税收", capability="taxrisk.view_leads"
    ) as wh:
        condition = " OR ".join("tp.industry_code LIKE ?" for _ in prefixes)
        return wh.rows(
            f"SELECT paid.period, sum(paid.amount), count(DISTINCT paid.uscc) FROM tax_paid AS paid "
            f"JOIN taxpayer AS tp USING (uscc) WHERE {condition} GROUP BY paid.period ORDER BY paid.period",
            [f"{p}%" for p in prefixes],
        )


def rule_stats(*, user) -> dict[str, dict]:
    """Per rule: leads, verified, confirmed, hit rate (confirmed / verified) and tax recovered,
    counted over the leads the user may see."""
    stats = {}
    for row in (
        Lead.objects.visible_to(user)
        .values("rule__code")
        .annotate(
            leads=Count("pk"),
            confirmed=Count("pk", filter=Q(status=LeadStatus.CONFIRMED)),
            dismissed=Count("pk", filter=Q(status=LeadStatus.DISMISSED)),
            recovered=Sum("recovered_tax"),
        )
    ):
        verified = row["confirmed"] + row["dismissed"]
        stats[row["rule__code"]] = {
            **row,
            "verified": verified,
            "hit_rate": row["confirmed"] / verified if verified else None,
        }
    return stats


def provider_feedback(*, unit) -> list[dict]:
    """What a provider's data produced: leads whose evidence comes from its submissions."""
    from gongzhi.exchange.models import Submission

    mine = {s: code for s, code in Submission.objects.filter(unit=unit).values_list("pk", "dataset__name")}
    if not mine:
        return []
    summary: dict[tuple, dict] = {}
    for lead in Lead.objects.only("status", "recovered_tax", "evidence", "period"):
        used = {(mine[e["submission"]], lead.period) for e in lead.evidence if e.get("submission") in mine}
        for key in used:
            item = summary.setdefault(
                key, {"dataset": key[0], "period": key[1], "leads": 0, "confirmed": 0, "recovered": 0}
            )
            item["leads"] += 1
            if lead.status == LeadStatus.CONFIRMED:
                item["confirmed"] += 1
                item["recovered"] += float(lead.recovered_tax or 0)
    return sorted(summary.values(), key=lambda i: (i["period"], i["dataset"]), reverse=True)


def run_list(*, user) -> QuerySet[RiskRun]:
    """Runs with the lead counts the user may know (`shown_leads`, `shown_new`): the stored totals
    for those who see every lead; otherwise the visible leads a run last found and first found."""
    runs = RiskRun.objects.select_related("job", "started_by")
    if user.has_capability("taxrisk.view_all_leads"):
        return runs.annotate(shown_leads=F("lead_count"), shown_new=F("new_leads"))
    visible = Lead.objects.visible_to(user).order_by()
    return runs.annotate(
        shown_leads=_count_by(visible, "last_run"),
        shown_new=_count_by(visible, "first_run"),
    )


def run_get(*, user, pk) -> RiskRun:
    return access_or_404(run_list(user=user), pk)


def _count_by(leads: QuerySet[Lead], run_field: str) -> Coalesce:
    counted = (
        leads.filter(**{run_field: OuterRef("pk")}).values(run_field).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted), 0)


@dataclass
class EvidenceTable:
    """The rows behind a lead from one dataset, with the demand list's field names."""

    code: str
    label: str
    columns: list[str]
    rows: list[dict]  # {"submission": Submission | None, "row": int, "values": [...]}


def lead_evidence(*, user, lead: Lead, limit: int = 50) -> list[EvidenceTable]:
    """The evidence rows themselves (permit number, amount, date …), read through the warehouse
    for one who may see the lead: personal fields masked unless a grant covers them."""
    wanted: dict[str, list[tuple[int, int]]] = {}
    for e in lead.evidence:
        if e.get("dataset") and e.get("submission") is not None and e.get("row") is not None:
            wanted.setdefault(e["dataset"], []).append((int(e["submission"]), int(e["row"])))
    known = set(
        Dataset.objects.filter(code__in=list(wanted), current_version__isnull=False).values_list(
            "code", flat=True
        )
    )
    codes = [c for c in wanted if c in known]
    if not codes:
        return []
    submissions = {
        s.pk: s
        for s in Submission.objects.filter(
            pk__in={sub for pairs in wanted.values() for sub, _ in pairs}
        ).select_related("unit")
    }
    tables = []
    with open_warehouse(
        user=user,
        datasets=codes,
        purpose=f"核实疑点：证据（第{lead.pk}号疑点）",
        capability="taxrisk.view_leads",
    ) as wh:
        for code in codes:
            table = wh.tables[code]
            pairs = wanted[code][:limit]
            names = ", ".join(f'"{c}"' for c in table.column_names)
            rows = wh.rows(
                f'SELECT _submission_id, _source_row, {names} FROM "typed_{code}" '
                "WHERE list_contains(?, struct_pack(s := _submission_id, r := _source_row)) "
                "ORDER BY _submission_id, _source_row",
                [[{"s": sub, "r": row} for sub, row in pairs]],
            )
            tables.append(
                EvidenceTable(
                    code=code,
                    label=table.label,
                    columns=[c.label or c.name for c in table.columns],
                    rows=[
                        {"submission": submissions.get(r[0]), "row": r[1], "values": list(r[2:])}
                        for r in rows
                    ],
                )
            )
        wh.detail["lead"] = lead.pk
    return tables


def rule_explained(meta: str) -> dict:
    """A rule version's metadata as a person reads it: what it finds, on what basis, how the tax
    is estimated, how edge cases are treated, and its parameters with their labels."""
    try:
        data = yaml.safe_load(meta) or {}
    except yaml.YAMLError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    params = data.get("params") or {}
    return {
        "description": str(data.get("description") or "").strip(),
        "legal_basis": str(data.get("legal_basis") or "").strip(),
        "tax_estimate": str(data.get("tax_estimate") or "").strip(),
        "edges": str(data.get("edges") or "").strip(),
        "severity": {"high": "高", "medium": "中", "low": "低"}.get(str(data.get("severity")), ""),
        "params": [
            {"label": str(p.get("label") or name), "value": p.get("default")}
            for name, p in params.items()
            if isinstance(p, dict)
        ],
    }


# --- leads against their deadline: what the assessment and the notices stand on ---------------


@dataclass(frozen=True)
class LeadDeadline:
    """A lead dispatched to a unit whose verification deadline (核实期限) falls in a window, as it
    stood at the end of an as-of day: the day it was verified (confirmed or dismissed), if by then."""

    lead: Lead
    as_of: datetime.date
    closed_on: datetime.date | None  # the day it was confirmed or dismissed, by the as-of day

    @property
    def overdue(self) -> bool:
        """Not verified by its deadline: still open after it, or closed after it."""
        if self.closed_on is None:
            return self.lead.deadline < self.as_of
        return self.closed_on > self.lead.deadline

    @property
    def words(self) -> str:
        """The lead in a notice sent to every unit (the rule, never the taxpayer): 第12号疑点
        （房地产交易未申报，核实期限2025年6月30日）, or …，2025年7月3日才核实反馈）."""
        late = f"，{date_words(self.closed_on)}才核实反馈" if self.closed_on else ""
        return (
            f"第{self.lead.pk}号疑点（{self.lead.rule.name}，核实期限{date_words(self.lead.deadline)}{late}）"
        )

    @property
    def without_feedback(self) -> bool:
        """Verified in time, but without the verification written down (未反馈核实情况)."""
        return self.closed_on is not None and not self.overdue and not (self.lead.note or "").strip()


def lead_deadlines(
    *, units, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> list[LeadDeadline]:
    """The leads dispatched to ``units`` (Unit objects or ids; None: every unit) whose deadline
    falls in [start, end], by deadline, each with the day it was verified if that was by the end of ``as_of``: a
    verification recorded later is not counted, so a past day gives the same answer whenever it
    is asked. Two queries. No permission check: the caller decides who may see it (the
    assessment's scores, the co-governance office's notices)."""
    leads = Lead.objects.filter(assignee_unit__isnull=False, deadline__gte=start, deadline__lte=end)
    if units is not None:
        leads = leads.filter(assignee_unit_id__in={u if isinstance(u, int) else u.pk for u in units})
    rows = list(leads.select_related("rule", "assignee_unit").order_by("deadline", "pk"))
    day_after = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
    )
    closed: dict[int, datetime.date] = {}
    for lead_id, at in (
        LeadEvent.objects.filter(lead__in=rows, action__in=["confirmed", "dismissed"], at__lt=day_after)
        .order_by("at", "pk")
        .values_list("lead_id", "at")
    ):
        closed.setdefault(lead_id, timezone.localtime(at).date())
    return [LeadDeadline(lead=lead, as_of=as_of, closed_on=closed.get(lead.pk)) for lead in rows]


def overdue_leads(
    *, units, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> list[LeadDeadline]:
    """``lead_deadlines`` not verified by their deadline (逾期未核实反馈, or verified only after it)."""
    return [d for d in lead_deadlines(units=units, start=start, end=end, as_of=as_of) if d.overdue]


def overdue_lead_lines(overdue: list[LeadDeadline]) -> dict:
    """Unit -> its lines in a notice on ``overdue`` (from ``overdue_leads``), in the order of the
    leads: 疑点信息逾期未核实反馈：第12号疑点（…）、…, then 疑点信息逾期核实反馈：… for those verified late."""
    out: dict = {}
    for closed, words in ((False, "疑点信息逾期未核实反馈"), (True, "疑点信息逾期核实反馈")):
        by_unit: dict = {}
        for d in overdue:
            if (d.closed_on is not None) == closed:
                by_unit.setdefault(d.lead.assignee_unit, []).append(d.words)
        for unit, leads in by_unit.items():
            out.setdefault(unit, []).append(f"{words}：" + "、".join(leads))
    return out
