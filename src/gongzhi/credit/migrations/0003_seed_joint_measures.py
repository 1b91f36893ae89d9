"""Seed the joint-measures catalogue (A incentives of 发改财金〔2016〕1467号, D punishments of
发改财金〔2016〕2798号), so that a fresh installation answers checks with measures."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from gongzhi.credit.catalogue import SEED

    JointMeasure = apps.get_model("credit", "JointMeasure")
    now = timezone.now()
    for code, kind, level, text, basis, scenarios, agencies in SEED:
        if not JointMeasure.objects.filter(code=code).exists():
            JointMeasure.objects.create(
                code=code,
                version=1,
                current=True,
                kind=kind,
                level=level,
                text=text,
                legal_basis=basis,
                scenarios=scenarios,
                agencies=agencies,
                change_note="初始清单",
                created_at=now,
            )


class Migration(migrations.Migration):
    dependencies = [("credit", "0002_lists_and_repair")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
