"""Inspections, findings, rectifications and cases moved to the inspections app: state only.

The tables stay (inspections' models use the same `db_table`), and Evidence's foreign keys keep
pointing at them; only Django's idea of which app owns the models changes.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
        ("supervision", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="evidence",
                    name="case",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="inspections.goodpracticecase",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="inspection",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="inspections.inspection",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="rectification",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="inspections.rectification",
                    ),
                ),
                migrations.DeleteModel(name="Rectification"),
                migrations.DeleteModel(name="Finding"),
                migrations.DeleteModel(name="Inspection"),
                migrations.DeleteModel(name="GoodPracticeCase"),
            ],
        ),
    ]
