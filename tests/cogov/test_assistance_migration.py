"""The assistance list moved from exchange to cogov: an item a deployment kept in the old table
is in the new list after `migrate`, with one approved version and its conditions translated."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("exchange", "0001_initial"), ("cogov", "0001_initial")]


def _latest(executor):
    return executor.loader.graph.leaf_nodes()


def test_old_items_are_copied_into_the_versioned_list():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Unit = old_apps.get_model("org", "Unit")
    Old = old_apps.get_model("exchange", "AssistanceItem")
    unit = Unit.objects.create(name="区自然资源局（迁移测试）", kind="department")
    old = Old.objects.create(
        code="real_estate",
        name="不动产登记（合成）",
        rules=[{"rule": "tax_paid", "tax_types": ["契税"]}, {"rule": "credit_not_d"}, {"rule": "no_overdue"}],
        legal_basis="《契税法》",
    )
    old.units.set([unit])

    executor = MigrationExecutor(connection)
    executor.migrate(_latest(executor))
    new_apps = executor.loader.project_state(_latest(executor)).apps
    Item = new_apps.get_model("cogov", "AssistanceListItem")
    (item,) = Item.objects.filter(code="real_estate")
    (version,) = item.versions.all()
    assert version.state == "approved" and version.effective_from is not None
    assert version.matter == "不动产登记（合成）" and version.legal_basis == "《契税法》"
    assert [c["kind"] for c in version.conditions] == ["tax_paid", "credit_level", "no_arrears"]
    assert version.conditions[0]["tax_types"] == ["契税"] and "D" not in version.conditions[1]["levels"]
    assert list(version.units.values_list("name", flat=True)) == ["区自然资源局（迁移测试）"]
    assert "exchange_assistanceitem" not in connection.introspection.table_names()
