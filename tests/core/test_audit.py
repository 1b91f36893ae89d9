import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gongzhi.core.audit import AuditAction, audit_checkpoint, audit_record, audit_verify
from gongzhi.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _checkpoints(settings, tmp_path):
    """Checkpoints of the test database go to a file of the test's own, anchored at the head."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_COPY = ""
    audit_checkpoint()


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
    out = capsys.readouterr().out
    assert "审计日志完整" in out and "哈希链无断裂" in out and "1个检查点相符" in out


def test_checkpoint_command_writes_a_signed_line_beside_the_data(users, settings, capsys):
    # given a copy on "another disk"
    settings.AUDIT_CHECKPOINT_COPY = str(settings.AUDIT_CHECKPOINT_FILE.parent / "disk2" / "copy.jsonl")
    head = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    call_command("audit", "checkpoint")
    assert f"已写入检查点：第{head.seq}条" in capsys.readouterr().out
    for path in (settings.AUDIT_CHECKPOINT_FILE, settings.AUDIT_CHECKPOINT_COPY):
        last = json.loads(Path(path).read_text().splitlines()[-1])
        assert last["seq"] == head.seq and last["hash"] == head.hash and len(last["sig"]) == 64
        assert oct(Path(path).stat().st_mode & 0o777) == "0o600"


def test_verify_command_lists_each_problem_and_fails(users, capsys):
    first = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    second = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    _raw("UPDATE core_auditentry SET purpose = %s WHERE seq IN (%s, %s)", ["改", first.seq, second.seq])
    with pytest.raises(CommandError, match="共2处问题"):
        call_command("audit", "verify")
    err = capsys.readouterr().err.splitlines()
    assert err == [f"问题：第{first.seq}条审计记录内容被改动", f"问题：第{second.seq}条审计记录内容被改动"]


def test_a_checkpoint_every_n_entries_after_commit_and_never_breaking_the_write(
    users, settings, django_capture_on_commit_callbacks, caplog
):
    settings.AUDIT_CHECKPOINT_EVERY = 3
    path = settings.AUDIT_CHECKPOINT_FILE
    before = len(path.read_text().splitlines())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        entries = [audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED) for _ in range(6)]
    # nothing is written before the commit; one checkpoint per multiple of 3 after it
    assert len(path.read_text().splitlines()) == before
    for callback in callbacks:
        callback()
    lines = [json.loads(line) for line in path.read_text().splitlines()[before:]]
    assert [line["seq"] for line in lines] == [e.seq for e in entries if e.seq % 3 == 0]
    # when the file cannot be written, the business write still succeeds and an error is logged
    settings.AUDIT_CHECKPOINT_FILE = path / "not-a-directory" / "x.jsonl"
    with django_capture_on_commit_callbacks(execute=True):
        more = [audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED) for _ in range(3)]
    assert AuditEntry.objects.filter(seq=more[-1].seq).exists()
    assert "审计检查点写入失败" in caplog.text


def test_admin_browses_the_log_with_filters(admin_client_, users):
    audit_record(actor=users["liaison"], action=AuditAction.PASSWORD_CHANGED, object_repr="卫健联络员")
    page = admin_client_.get("/audit/", {"unit": "区卫生健康局", "action": "password_changed"})
    assert page.status_code == 200
    rows = list(page.context["page"])
    assert rows and all(r.unit_name == "区卫生健康局" and r.action == "password_changed" for r in rows)
    # and looking at the log is itself audited
    assert AuditEntry.objects.filter(action=AuditAction.AUDIT_VIEWED, username="admin").exists()


def test_each_checkpoint_line_is_also_sent_to_the_external_syslog(users, settings, caplog):
    """GONGZHI_AUDIT_SYSLOG=host:port: a local UDP socket stands in for the log server."""
    import socket

    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    try:
        settings.AUDIT_SYSLOG = f"127.0.0.1:{receiver.getsockname()[1]}"
        head = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
        call_command("audit", "checkpoint")
        datagram = receiver.recv(65536).decode("utf-8")
    finally:
        receiver.close()
    # then the datagram is a syslog message (facility auth, info) carrying the signed line
    line = Path(settings.AUDIT_CHECKPOINT_FILE).read_text().splitlines()[-1]
    assert datagram.startswith("<38>gongzhi-audit: ") and datagram.rstrip("\x00").endswith(line)
    assert json.loads(line)["seq"] == head.seq
    # a log server that cannot be reached never breaks the write: the failure is logged
    settings.AUDIT_SYSLOG = str(Path(settings.AUDIT_CHECKPOINT_FILE).parent / "no-such-socket")
    assert audit_checkpoint().written
    assert "审计检查点发送到系统日志失败" in caplog.text


def test_a_malformed_syslog_address_is_logged_not_raised(users, settings, caplog):
    settings.AUDIT_SYSLOG = "loghost-without-port"
    audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    assert audit_checkpoint().written
    assert "GONGZHI_AUDIT_SYSLOG 应为" in caplog.text
