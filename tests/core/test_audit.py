import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gongzhi.core.audit import AuditAction, audit_record, audit_verify
from gongzhi.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_each_entry_chains_to_the_previous(users):
    # given the demo's entries, when two more are appended
    first = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED, object_repr="甲")
    second = audit_record(
        actor=users["liaison"], action=AuditAction.USER_UPDATED, object_repr="乙", purpose="核对"
    )
    # then each names its predecessor's hash and the chain verifies
    assert second.prev_hash == first.hash
    assert second.seq == first.seq + 1
    assert second.unit_name == "区卫生健康局" and second.role == "liaison" and second.purpose == "核对"
    assert audit_verify().ok


def test_entries_cannot_be_changed_or_deleted_through_the_orm(users):
    entry = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    entry.object_repr = "改"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="改")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_verify_names_a_changed_entry(users, capsys):
    target = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED, object_repr="原文")
    audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    # when someone edits the row in the database directly
    _raw("UPDATE core_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", target.seq])
    result = audit_verify()
    assert not result.ok and result.first_bad_seq == target.seq
    assert f"第{target.seq}条" in result.reason and "改动" in result.reason
    with pytest.raises(CommandError, match=f"第{target.seq}条"):
        call_command("audit", "verify")


def test_verify_names_a_deleted_entry(users):
    audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    removed = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [removed.seq])
    result = audit_verify()
    assert not result.ok and result.first_bad_seq == removed.seq
    assert "删除" in result.reason


def test_verify_catches_a_rehashed_forgery(users):
    # a forger who recomputes the changed row's own hash still breaks the next link
    target = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED, object_repr="原文")
    follower = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    target.object_repr = "篡改"
    _raw(
        "UPDATE core_auditentry SET object_repr = %s, hash = %s WHERE seq = %s",
        ["篡改", target.compute_hash(), target.seq],
    )
    result = audit_verify()
    assert not result.ok and result.first_bad_seq == follower.seq


def test_verify_command_passes_on_an_intact_chain(capsys):
    call_command("audit", "verify")
    assert "审计日志完整" in capsys.readouterr().out


def test_admin_browses_the_log_with_filters(admin_client_, users):
    audit_record(actor=users["liaison"], action=AuditAction.PASSWORD_CHANGED, object_repr="卫健联络员")
    page = admin_client_.get("/audit/", {"unit": "区卫生健康局", "action": "password_changed"})
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert rows and all(r.unit_name == "区卫生健康局" and r.action == "password_changed" for r in rows)
    # and looking at the log is itself audited
    assert AuditEntry.objects.filter(action=AuditAction.AUDIT_VIEWED, username="admin").exists()
