"""Inspections, findings, rectifications and cases move from supervision: state only.

Their tables were created by supervision 0001 and keep their names (`Meta.db_table`), so this
migration creates the models in Django's state and touches no table; supervision 0002 removes
them from supervision's state, also without touching a table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("org", "0001_initial"),
        ("plans", "0001_initial"),
        ("supervision", "0001_initial"),  # creates the tables
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="GoodPracticeCase",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                        ("title", models.CharField(max_length=200, verbose_name="标题")),
                        ("body", models.TextField(verbose_name="案例内容")),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("submitted", "已报送"),
                                    ("selected", "已入选"),
                                    ("published", "已公开"),
                                    ("declined", "未入选"),
                                ],
                                default="submitted",
                                max_length=20,
                                verbose_name="状态",
                            ),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="公开时间"),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="cases",
                                to="plans.policydocument",
                                verbose_name="方案",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="cases",
                                to="org.unit",
                                verbose_name="单位",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "优秀工作案例",
                        "verbose_name_plural": "优秀工作案例",
                        "db_table": "supervision_goodpracticecase",
                        "ordering": ["-published_at", "-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Inspection",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("planned", "定期督查"),
                                    ("unannounced", "“四不两直”暗访"),
                                    ("third_party", "第三方评估"),
                                    ("interview", "面对面访谈"),
                                ],
                                max_length=20,
                                verbose_name="方式",
                            ),
                        ),
                        ("date", models.DateField(verbose_name="日期")),
                        ("place", models.CharField(max_length=200, verbose_name="地点")),
                        ("summary", models.TextField(blank=True, verbose_name="检查情况")),
                        (
                            "inspector",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="检查人",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="inspections",
                                to="plans.policydocument",
                                verbose_name="方案",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="inspections",
                                to="org.unit",
                                verbose_name="被检查单位",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "督查检查",
                        "verbose_name_plural": "督查检查",
                        "db_table": "supervision_inspection",
                        "ordering": ["-date"],
                    },
                ),
                migrations.CreateModel(
                    name="Finding",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("text", models.TextField(verbose_name="发现问题")),
                        ("order", models.PositiveSmallIntegerField(default=0)),
                        (
                            "inspection",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="findings",
                                to="inspections.inspection",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "发现问题",
                        "verbose_name_plural": "发现问题",
                        "db_table": "supervision_finding",
                        "ordering": ["inspection", "order"],
                    },
                ),
                migrations.CreateModel(
                    name="Rectification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                        ("requirement", models.TextField(verbose_name="整改要求")),
                        ("deadline", models.DateField(verbose_name="整改期限")),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("open", "整改中"),
                                    ("submitted", "已报整改结果"),
                                    ("closed", "已销号"),
                                ],
                                default="open",
                                max_length=20,
                                verbose_name="状态",
                            ),
                        ),
                        ("result", models.TextField(blank=True, verbose_name="整改结果")),
                        ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="销号时间")),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "finding",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="rectifications",
                                to="inspections.finding",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="rectifications",
                                to="org.unit",
                                verbose_name="整改单位",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "整改事项",
                        "verbose_name_plural": "整改事项",
                        "db_table": "supervision_rectification",
                        "ordering": ["deadline"],
                    },
                ),
            ],
        ),
    ]
