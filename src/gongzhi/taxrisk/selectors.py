from pathlib import Path

from django.db.models import Count, Q, QuerySet, Sum

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.permissions import access_or_404
from gongzhi.taxrisk.choices import LeadStatus
from gongzhi.taxrisk.models import Lead

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


def taxpayer_view(*, uscc: str) -> dict:
    """The taxpayer's 360° view from the current shared data: registry, payments, declarations."""
    import duckdb

    from gongzhi.taxrisk.services import current_datasets

    datasets = current_datasets()
    out = {"registry": None, "payments": [], "declarations": []}
    con = duckdb.connect(config={"threads": 2})
    try:

        def rows(code: str, sql: str):
            paths = [str(p) for p in datasets.get(code, []) if Path(p).exists()]
            if not paths:
                return []
            con.register(code, con.read_parquet(paths, union_by_name=True))
            return con.execute(sql, [uscc]).fetchall()

        registry = rows(
            "taxpayer",
            "SELECT name, industry_code, town, status, kind, credit_level, credit_year "
            "FROM taxpayer WHERE uscc = ? ORDER BY _submission_id DESC LIMIT 1",
        )
        out["registry"] = registry[0] if registry else None
        out["payments"] = rows(
            "tax_paid",
            "SELECT period, tax_type, sum(amount), max(paid_date) FROM tax_paid "
            "WHERE uscc = ? GROUP BY period, tax_type ORDER BY period DESC LIMIT 36",
        )
        out["declarations"] = rows(
            "declaration",
            "SELECT period, revenue, zero_declared FROM declaration "
            "WHERE uscc = ? ORDER BY period DESC LIMIT 24",
        )
    finally:
        con.close()
    return out


def rule_stats() -> dict[str, dict]:
    """Per rule: leads, verified, confirmed, hit rate (confirmed / verified) and tax recovered."""
    stats = {}
    for row in Lead.objects.values("rule__code").annotate(
        leads=Count("pk"),
        confirmed=Count("pk", filter=Q(status=LeadStatus.CONFIRMED)),
        dismissed=Count("pk", filter=Q(status=LeadStatus.DISMISSED)),
        recovered=Sum("recovered_tax"),
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
