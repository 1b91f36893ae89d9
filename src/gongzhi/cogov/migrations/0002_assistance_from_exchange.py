"""The assistance list moved from exchange (AssistanceItem, one row per item) to cogov (an item
with versions): every old item becomes an item with one approved version, in effect from the
day of the move, so that no item a deployment keeps is lost. exchange's 0002 deletes the old
table after this has run."""

from django.db import migrations
from django.utils import timezone

# exchange.choices.LookupRule (removed) -> cogov.choices_assistance.Condition
CONDITIONS = {
    "tax_paid": "tax_paid",
    "no_overdue": "no_arrears",
    "credit_not_d": "credit_level",
    "registered_normal": "not_abnormal",
}


def _condition(rule: dict) -> dict | None:
    kind = CONDITIONS.get(rule.get("rule"))
    if kind is None:
        return None
    out = {"kind": kind}
    if kind == "tax_paid":
        out["tax_types"] = list(rule.get("tax_types") or [])
    if kind == "credit_level":
        out["levels"] = ["A", "B", "M", "C"]  # "not D"
    return out


def forwards(apps, schema_editor):
    Old = apps.get_model("exchange", "AssistanceItem")
    Item = apps.get_model("cogov", "AssistanceListItem")
    Version = apps.get_model("cogov", "AssistanceListVersion")
    now = timezone.now()
    for order, old in enumerate(Old.objects.order_by("code"), start=1):
        if Item.objects.filter(code=old.code).exists():
            continue
        item = Item.objects.create(code=old.code, order=order)
        version = Version.objects.create(
            item=item,
            version=1,
            state="approved",
            matter=old.name,
            conditions=[c for c in (_condition(r) for r in old.rules or []) if c],
            legal_basis=old.legal_basis or "（迁移前未填写依据）",
            description=old.description,
            effective_from=now.date(),
            change_reason="由原数据共享模块的协助事项迁入",
            drafted_at=now,
            approved_at=now,
        )
        version.units.set(old.units.all())


class Migration(migrations.Migration):
    dependencies = [
        ("cogov", "0001_initial"),
        ("exchange", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
