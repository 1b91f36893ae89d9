"""Tampering with the audit trail, on real rows in the test database: every case is detected.

Each case below changes the database (with raw SQL, or the model for inserts) and/or the
checkpoint files the way an attacker would, then `audit_verify` must report a problem; an
untouched database after many writes and checkpoints must report none.

What the design detects: any change of a row's content, hash, scheme, sequence number or link;
deleted, inserted, duplicated, swapped or renumbered rows; rows forged or the whole chain
rehashed without the audit key (plain SHA-256 or a wrong key); the newest rows or all rows
deleted, whether a checkpoint covered them or only the head marker (`audit-head.json`, rewritten
after every commit); the newest rows deleted and written again; a checkpoint line or the head
marker edited, forged, garbled, reordered or (the marker, while checkpoints exist) deleted; a due
checkpoint (every AUDIT_CHECKPOINT_EVERY entries) missing.

What it cannot detect, by design:
- someone who holds the audit key (GONGZHI_AUDIT_KEY / the key file) and can write the
  database: they can rewrite rows and re-sign checkpoints; the key must live apart from the
  database and its backups;
- someone who can write the database and every checkpoint file and head marker (the data dir's
  and the copy's): they can cut the newest rows back to an earlier checkpoint, delete the later
  lines and put back a head marker they saved then
  (`test_limit_cut_back_to_an_earlier_checkpoint_with_both_files`); hence the copy on another
  disk or machine with other permissions, and GONGZHI_AUDIT_SYSLOG;
- the head marker is not fsynced (that would cost milliseconds per write): after a power cut the
  marker may be older than the database (no alarm), and with SQLite's synchronous=NORMAL the
  database may lose its last commits while the marker kept them (an alarm that is a false one);
- deleting only the last checkpoint line when it is not a due one (a manual checkpoint) while
  every row stays: nothing in the chain is lost, and the rows still verify; a due line deleted
  from both files is reported (a due line deleted from one file is covered by the other).
- a transaction rolled back never had its row: it is not a deletion.
"""

import importlib
import json
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from gongzhi.core import auditchain, clock
from gongzhi.core.audit import HEAD_FILE, AuditAction, audit_checkpoint, audit_record, audit_verify
from gongzhi.core.auditchain import KEYED, LEGACY, checkpoint_sign
from gongzhi.core.models import AuditEntry

pytestmark = pytest.mark.django_db

EVERY = 10
WRONG_KEY = b"not-the-audit-key-but-looks-like-one-0123456789"


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _json_param() -> str:
    return "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


def _row(seq: int) -> AuditEntry:
    return AuditEntry.objects.get(seq=seq)


def _head() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


@dataclass
class Chain:
    first: int
    old: int
    middle: int
    newest: int
    primary: Path
    copy: Path
    saved_heads: dict[int, dict[Path, str]]  # the head markers as they stood at each due checkpoint

    @property
    def heads(self) -> list[Path]:
        return [self.primary.with_name(HEAD_FILE), self.copy.with_name(HEAD_FILE)]

    def lines(self, path: Path) -> list[str]:
        return path.read_text().splitlines()

    def write_lines(self, path: Path, lines: list[str]) -> None:
        path.write_text("".join(line + "\n" for line in lines))


@pytest.fixture
def chain(settings, tmp_path, users, django_capture_on_commit_callbacks) -> Chain:
    """The demo's entries, then at least 40 more by several actors, a checkpoint every 10
    entries (written after commit) to the file and its copy; the head sits on a due checkpoint."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "data" / "audit-checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_COPY = str(tmp_path / "disk2" / "audit-checkpoints.jsonl")
    settings.AUDIT_CHECKPOINT_EVERY = EVERY
    audit_checkpoint()  # anchors the demo's rows
    start = _head()
    actors = [users["admin"], users["liaison"], users["tax_officer"], None]
    heads = [
        Path(p).with_name(HEAD_FILE) for p in (settings.AUDIT_CHECKPOINT_FILE, settings.AUDIT_CHECKPOINT_COPY)
    ]
    saved: dict[int, dict[Path, str]] = {}
    n = 0
    while n < 40 or _head() % EVERY:
        with django_capture_on_commit_callbacks(execute=True):  # one commit per entry
            audit_record(
                actor=actors[n % len(actors)],
                action=AuditAction.SHARED_ROWS_READ if n % 2 else AuditAction.USER_UPDATED,
                object_type="exchange.dataset",
                object_id=n,
                object_repr=f"数据项{n}",
                purpose="风险分析" if n % 3 == 0 else "",
                detail={"rows": n, "fields": ["纳税人识别号", "税额"], "nested": {"k": n}},
            )
        if _head() % EVERY == 0:
            saved[_head()] = {path: path.read_text() for path in heads}
        n += 1
    head = _head()
    result = audit_verify()
    assert result.ok, result.problems
    return Chain(
        first=1,
        old=min(5, start),
        middle=(start + head) // 2,
        newest=head,
        primary=Path(settings.AUDIT_CHECKPOINT_FILE),
        copy=Path(settings.AUDIT_CHECKPOINT_COPY),
        saved_heads=saved,
    )


def _forge(*, scheme: str, key: bytes | None = None, **fields) -> AuditEntry:
    """A row written by someone without the audit key, through the model."""
    entry = AuditEntry(scheme=scheme, **fields)
    entry.hash = entry.compute_hash(key or WRONG_KEY)
    entry.save(force_insert=True)
    return entry


def _forged_fields(seq: int, prev_hash: str) -> dict:
    template = _row(seq - 1) if seq > 1 else _row(1)
    return {
        "seq": seq,
        "at": template.at,
        "username": "admin",
        "role": "admin",
        "action": AuditAction.USER_UPDATED,
        "object_repr": "伪造",
        "prev_hash": prev_hash,
    }


def _rehash_from(seq: int, *, scheme: str, key: bytes) -> None:
    """Recompute prev_hash and hash of every row from `seq` on, as a forger would."""
    prev = _row(seq - 1).hash if seq > 1 else auditchain.GENESIS_HASH
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        entry.prev_hash, entry.scheme = prev, scheme
        entry.hash = auditchain.entry_hash(entry.content(), scheme=scheme, key=key)
        _raw(
            "UPDATE core_auditentry SET prev_hash = %s, hash = %s, scheme = %s WHERE seq = %s",
            [entry.prev_hash, entry.hash, scheme, entry.seq],
        )
        prev = entry.hash


def _shift(seqs: range, by: int) -> None:
    for seq in seqs:  # one row at a time: a unique seq must hold after every statement
        _raw("UPDATE core_auditentry SET seq = %s WHERE seq = %s", [seq + by, seq])


def _delete(where: str, params=()) -> None:
    _raw(f"DELETE FROM core_auditentry WHERE {where}", params)


# --- the tamper cases: each changes something; each must be detected ---------------------------

TAMPERS = {}


def tamper(*kinds: str):
    def register(fn):
        TAMPERS[fn.__name__] = (fn, set(kinds))
        return fn

    return register


@tamper("content")
def edit_a_field_of_the_oldest_row(c: Chain):
    _raw("UPDATE core_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", c.first])


@tamper("content")
def edit_the_action_of_an_old_row(c: Chain):
    _raw("UPDATE core_auditentry SET action = %s WHERE seq = %s", ["logout", c.old])


@tamper("content")
def edit_the_action_of_a_middle_row(c: Chain):
    _raw("UPDATE core_auditentry SET action = %s WHERE seq = %s", ["login", c.middle])


@tamper("content")
def edit_the_purpose_of_the_newest_row(c: Chain):
    _raw("UPDATE core_auditentry SET purpose = %s WHERE seq = %s", ["例行检查", c.newest])


@tamper("content")
def edit_the_time_of_a_middle_row(c: Chain):
    _raw(
        "UPDATE core_auditentry SET at = (SELECT at FROM core_auditentry WHERE seq = %s) WHERE seq = %s",
        [c.first, c.middle],
    )


@tamper("content")
def edit_a_value_in_the_detail_json(c: Chain):
    detail = dict(_row(c.middle).detail, rows=0)
    _raw(
        f"UPDATE core_auditentry SET detail = {_json_param()} WHERE seq = %s", [json.dumps(detail), c.middle]
    )


@tamper("content")
def add_a_key_to_the_detail_json(c: Chain):
    detail = dict(_row(c.newest).detail, note="无")
    _raw(
        f"UPDATE core_auditentry SET detail = {_json_param()} WHERE seq = %s", [json.dumps(detail), c.newest]
    )


@tamper("content")
def edit_the_actor_username(c: Chain):
    _raw("UPDATE core_auditentry SET username = %s WHERE seq = %s", ["lingdao", c.middle])


@tamper("content")
def edit_the_actor_unit_and_role(c: Chain):
    _raw(
        "UPDATE core_auditentry SET unit_name = %s, role = %s WHERE seq = %s",
        ["区财政局", "cogov_office", c.middle],
    )


@tamper("content")
def edit_the_actor_user_id(c: Chain):
    _raw("UPDATE core_auditentry SET user_id = %s WHERE seq = %s", [999_999, c.middle])


@tamper("content")
def edit_the_client_address(c: Chain):
    _raw("UPDATE core_auditentry SET client_ip = %s WHERE seq = %s", ["10.0.0.8", c.middle])


@tamper("link", "content")
def edit_the_previous_hash(c: Chain):
    _raw("UPDATE core_auditentry SET prev_hash = %s WHERE seq = %s", ["a" * 64, c.middle])


@tamper("content", "link")
def edit_the_hash(c: Chain):
    _raw("UPDATE core_auditentry SET hash = %s WHERE seq = %s", ["b" * 64, c.middle])


@tamper("content", "scheme")
def relabel_a_keyed_row_as_plain_sha256(c: Chain):
    _raw("UPDATE core_auditentry SET scheme = %s WHERE seq = %s", [LEGACY, c.middle])


@tamper("content", "link")
def edit_a_row_and_rehash_it_with_plain_sha256(c: Chain):
    entry = _row(c.middle)
    entry.object_repr = "篡改"
    digest = auditchain.entry_hash(entry.content(), scheme=LEGACY, key=b"")
    _raw(
        "UPDATE core_auditentry SET object_repr = %s, hash = %s WHERE seq = %s",
        ["篡改", digest, c.middle],
    )


@tamper("scheme", "checkpoint_row")
def downgrade_the_newest_row_with_a_valid_plain_hash(c: Chain):
    entry = _row(c.newest)
    entry.object_repr, entry.scheme = "篡改", LEGACY
    digest = auditchain.entry_hash(entry.content(), scheme=LEGACY, key=b"")
    _raw(
        "UPDATE core_auditentry SET object_repr = %s, scheme = %s, hash = %s WHERE seq = %s",
        ["篡改", LEGACY, digest, c.newest],
    )


@tamper("gap")
def delete_the_first_row(c: Chain):
    _delete("seq = %s", [c.first])


@tamper("gap")
def delete_a_middle_row(c: Chain):
    _delete("seq = %s", [c.middle])


@tamper("head_behind")
def delete_the_newest_row(c: Chain):
    _delete("seq = %s", [c.newest])


@tamper("head_behind")
def delete_the_newest_five_rows(c: Chain):
    _delete("seq > %s", [c.newest - 5])


@tamper("head_behind")
def delete_all_rows(c: Chain):
    _delete("1 = 1")


@tamper("head_behind")
def truncate_the_table_to_zero(c: Chain):
    if connection.vendor == "postgresql":
        _raw("TRUNCATE core_auditentry")
    else:
        _raw("DELETE FROM core_auditentry")
        _raw("DELETE FROM sqlite_sequence WHERE name = 'core_auditentry'")


@tamper("checkpoint_row", "head_behind")
def delete_all_rows_and_let_the_application_start_a_new_chain(c: Chain):
    _delete("1 = 1")
    for _ in range(c.old + 2):  # the new chain, properly keyed, reaches past the first checkpoint
        audit_record(actor=None, action=AuditAction.LOGIN)


@tamper("content", "link")
def insert_a_forged_row_in_the_middle(c: Chain):
    _shift(range(c.newest, c.middle, -1), 1)
    _forge(scheme=KEYED, **_forged_fields(c.middle + 1, _row(c.middle).hash))


@tamper("content", "gap")
def insert_a_forged_row_before_the_first(c: Chain):
    _forge(scheme=KEYED, **_forged_fields(1, auditchain.GENESIS_HASH) | {"seq": 0})


@tamper("content")
def append_a_last_row_with_a_plain_sha256_hash_labelled_keyed(c: Chain):
    fields = _forged_fields(c.newest + 1, _row(c.newest).hash)
    entry = AuditEntry(scheme=KEYED, **fields)
    entry.hash = auditchain.entry_hash(entry.content(), scheme=LEGACY, key=b"")
    entry.save(force_insert=True)


@tamper("scheme")
def append_a_last_row_with_a_correct_plain_sha256_hash(c: Chain):
    _forge(scheme=LEGACY, **_forged_fields(c.newest + 1, _row(c.newest).hash))


@tamper("content")
def append_a_last_row_signed_with_a_wrong_key(c: Chain):
    _forge(scheme=KEYED, key=WRONG_KEY, **_forged_fields(c.newest + 1, _row(c.newest).hash))


@tamper("scheme", "checkpoint_row")
def rehash_the_whole_chain_with_plain_sha256_after_a_change(c: Chain):
    _raw("UPDATE core_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", c.middle])
    _rehash_from(1, scheme=LEGACY, key=b"")


@tamper("content", "checkpoint_row")
def rehash_the_whole_chain_with_a_wrong_key_after_a_change(c: Chain):
    _raw("UPDATE core_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", c.middle])
    _rehash_from(1, scheme=KEYED, key=WRONG_KEY)


@tamper("scheme", "checkpoint_row")
def rehash_the_chain_and_delete_both_checkpoint_files(c: Chain):
    _delete("seq = %s", [c.middle])
    _shift(range(c.middle + 1, c.newest + 1), -1)
    _rehash_from(c.middle, scheme=LEGACY, key=b"")
    c.primary.unlink()
    c.copy.unlink()


@tamper("content", "link")
def renumber_after_a_deletion(c: Chain):
    _delete("seq = %s", [c.middle])
    _shift(range(c.middle + 1, c.newest + 1), -1)


@tamper("content")
def renumber_after_a_deletion_and_relink(c: Chain):
    _delete("seq = %s", [c.middle])
    _shift(range(c.middle + 1, c.newest + 1), -1)
    _raw("UPDATE core_auditentry SET prev_hash = %s WHERE seq = %s", [_row(c.middle - 1).hash, c.middle])


@tamper("content", "link")
def swap_two_rows(c: Chain):
    parking = c.newest + 1000
    _shift(range(c.middle, c.middle + 1), parking - c.middle)
    _shift(range(c.middle + 1, c.middle + 2), -1)
    _shift(range(parking, parking + 1), c.middle + 1 - parking)


@tamper("content", "link")
def duplicate_a_row_as_the_newest(c: Chain):
    copy = _row(c.middle)
    copy.pk, copy.seq = None, c.newest + 1
    copy._state.adding = True
    copy.save(force_insert=True)


@tamper("content", "link")
def fork_the_newest_row(c: Chain):
    copy = _row(c.newest)
    copy.pk, copy.seq, copy.object_repr = None, c.newest + 1, "分叉"
    copy._state.adding = True
    copy.save(force_insert=True)


@tamper("checkpoint_bad")
def edit_the_hash_in_a_checkpoint_line(c: Chain):
    lines = c.lines(c.primary)
    body = json.loads(lines[-2])
    body["hash"] = "c" * 64
    c.write_lines(c.primary, [*lines[:-2], json.dumps(body), lines[-1]])


@tamper("checkpoint_bad")
def edit_the_seq_in_a_checkpoint_line(c: Chain):
    lines = c.lines(c.copy)
    body = json.loads(lines[1])
    body["seq"] += 1
    c.write_lines(c.copy, [lines[0], json.dumps(body), *lines[2:]])


@tamper("checkpoint_bad")
def garble_a_checkpoint_line(c: Chain):
    lines = c.lines(c.primary)
    c.write_lines(c.primary, [*lines, lines[-1][:-7]])


@tamper("checkpoint_bad")
def forge_a_checkpoint_with_a_wrong_key(c: Chain):
    head = _row(c.newest)
    forged = checkpoint_sign(seq=head.seq, hash=head.hash, at="2030-01-01T00:00:00+00:00", key=WRONG_KEY)
    c.write_lines(c.primary, [*c.lines(c.primary), forged.line()])


@tamper("checkpoint_row")
def add_a_validly_signed_checkpoint_of_another_chain(c: Chain):
    key = settings.AUDIT_KEY.encode()
    other = checkpoint_sign(seq=c.middle, hash="d" * 64, at="2030-01-01T00:00:00+00:00", key=key)
    c.write_lines(c.primary, [other.line(), *c.lines(c.primary)])


@tamper("checkpoint_order")
def reorder_the_checkpoints(c: Chain):
    lines = c.lines(c.primary)
    c.write_lines(c.primary, [lines[-1], *lines[:-1]])


@tamper("checkpoint_missing")
def delete_the_last_checkpoint_line_from_both_files(c: Chain):
    for path in (c.primary, c.copy):
        c.write_lines(path, c.lines(path)[:-1])


@tamper("checkpoint_missing")
def delete_both_checkpoint_files(c: Chain):
    c.primary.unlink()
    c.copy.unlink()


@tamper("head_behind")
def delete_the_newest_rows_and_the_last_checkpoint_line_of_the_file(c: Chain):
    _delete("seq > %s", [c.newest - 3])
    c.write_lines(c.primary, c.lines(c.primary)[:-1])  # the copy on the other disk still has it


@tamper("head_behind")
def delete_all_rows_and_empty_the_checkpoint_file(c: Chain):
    _delete("1 = 1")
    c.primary.write_text("")


def test_the_tamper_corpus_is_large_enough():
    assert len(TAMPERS) >= 30


@pytest.mark.parametrize("name", list(TAMPERS))
def test_tampering_is_detected(chain, name, capsys):
    # given an intact chain with checkpoints; when it is tampered with
    fn, kinds = TAMPERS[name]
    fn(chain)
    # then verify reports it, with a problem of the expected kind, and the command fails
    result = audit_verify()
    assert not result.ok
    found = {p.kind for p in result.problems}
    assert found & kinds, (name, result.problems)
    assert all(p.message for p in result.problems)
    with pytest.raises(CommandError, match="审计日志校验失败"):
        call_command("audit", "verify")
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith(("问题：", "……另有")) for line in err)


# --- no false alarms ----------------------------------------------------------------------------


def test_an_untouched_log_after_many_writes_and_checkpoints_raises_no_alarm(
    settings, tmp_path, users, django_capture_on_commit_callbacks, capsys
):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_COPY = str(tmp_path / "copy" / "audit-checkpoints.jsonl")
    settings.AUDIT_CHECKPOINT_EVERY = EVERY
    audit_checkpoint()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(253):
            audit_record(
                actor=users["liaison"] if n % 2 else None,
                action=AuditAction.SHARED_DATA_READ,
                purpose="收入分析",
                detail={"n": n, "text": "周村区\u3000“引号”", "float": n / 7, "list": [n, None, True]},
            )
            if n % 37 == 0:
                audit_checkpoint()  # as the daily run does, at any seq
    result = audit_verify()
    assert result.ok and result.problems == []
    assert result.checkpoints >= 25 and result.head_seq == _head()
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert out.startswith(f"审计日志完整：共{result.checked}条，哈希链无断裂")


def test_a_rolled_back_write_is_not_a_deletion(settings, tmp_path, users):
    from django.db import transaction

    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_EVERY = 1  # a checkpoint for every entry, if it committed
    audit_checkpoint()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
        raise RuntimeError
    assert audit_verify().ok


def test_limit_cut_back_to_an_earlier_checkpoint_with_both_files(chain):
    """Documented limit: write access to the database, to both checkpoint files and to both head
    markers lets one cut the newest rows back to an earlier checkpoint, putting back the markers
    saved at that time. Keep the copy where that access is not."""
    earlier = chain.newest - EVERY
    _delete("seq > %s", [earlier])
    for path in (chain.primary, chain.copy):
        chain.write_lines(path, chain.lines(path)[:-1])
    assert not audit_verify().ok  # the head markers still name the newest row
    for path, text in chain.saved_heads[earlier].items():
        path.write_text(text)
    assert audit_verify().ok


# --- the head marker: the newest rows deleted when no checkpoint covers them ------------------

PAST = 7  # entries written after the last due checkpoint


@pytest.fixture
def chain_past(chain, users, django_capture_on_commit_callbacks) -> Chain:
    """The chain, then PAST more entries in their own commits: the head is not on a checkpoint,
    as on a fresh demo database with fewer than AUDIT_CHECKPOINT_EVERY entries since the last."""
    for n in range(PAST):
        with django_capture_on_commit_callbacks(execute=True):
            audit_record(actor=users["liaison"], action=AuditAction.SHARED_DATA_READ, detail={"n": n})
    chain.newest = _head()
    assert chain.newest % EVERY == PAST
    assert json.loads(chain.primary.read_text().splitlines()[-1])["seq"] == chain.newest - PAST
    assert audit_verify().ok
    return chain


HEAD_TAMPERS = {}


def head_tamper(*kinds: str):
    def register(fn):
        HEAD_TAMPERS[fn.__name__] = (fn, set(kinds))
        return fn

    return register


@head_tamper("head_behind")
def delete_the_newest_row_past_the_checkpoint(c: Chain):
    _delete("seq = %s", [c.newest])


@head_tamper("head_behind")
def delete_the_newest_five_rows_past_the_checkpoint(c: Chain):
    _delete("seq > %s", [c.newest - 5])


@head_tamper("head_behind")
def delete_every_row_past_the_checkpoint(c: Chain):
    _delete("seq > %s", [c.newest - PAST])


@head_tamper("head_row")
def delete_the_newest_rows_and_let_the_application_write_as_many_again(c: Chain):
    _delete("seq > %s", [c.newest - 3])
    for _ in range(3):  # committed: the marker is not moved back to a row of the same number
        audit_record(actor=None, action=AuditAction.LOGIN)
        for callback in connection.run_on_commit:
            callback[1]()
    assert _head() == c.newest


@head_tamper("head_missing")
def delete_the_newest_rows_and_both_head_markers(c: Chain):
    _delete("seq > %s", [c.newest - 2])
    for path in c.heads:
        path.unlink()


@head_tamper("head_behind")
def delete_the_newest_rows_and_the_head_marker_of_the_data_dir(c: Chain):
    _delete("seq > %s", [c.newest - 2])
    c.heads[0].unlink()  # the copy's folder still has one


@head_tamper("head_behind")
def delete_the_newest_rows_and_put_back_an_older_marker_in_the_data_dir(c: Chain):
    _delete("seq > %s", [c.newest - PAST])
    older = c.newest - PAST
    c.heads[0].write_text(c.saved_heads[older][c.heads[0]])


@head_tamper("head_bad")
def edit_the_seq_of_the_head_marker(c: Chain):
    _delete("seq > %s", [c.newest - 1])
    body = json.loads(c.heads[0].read_text())
    body["seq"] -= 1
    c.heads[0].write_text(json.dumps(body))


@head_tamper("head_bad")
def forge_a_head_marker_with_a_wrong_key(c: Chain):
    _delete("seq > %s", [c.newest - 1])
    row = _row(c.newest - 1)
    for path in c.heads:
        path.write_text(
            checkpoint_sign(seq=row.seq, hash=row.hash, at=row.at.isoformat(), key=WRONG_KEY).line()
        )


@head_tamper("head_bad")
def garble_the_head_marker(c: Chain):
    c.heads[1].write_text(c.heads[1].read_text().strip()[:-9])


def test_the_head_tamper_corpus_counts_towards_the_total():
    assert len(TAMPERS) + len(HEAD_TAMPERS) >= 50


@pytest.mark.parametrize("name", list(HEAD_TAMPERS))
def test_tampering_past_the_last_checkpoint_is_detected(chain_past, name):
    # given a chain whose newest PAST rows no checkpoint covers; when it is tampered with
    fn, kinds = HEAD_TAMPERS[name]
    fn(chain_past)
    # then verify reports it, with a problem of the expected kind
    result = audit_verify()
    assert not result.ok
    assert {p.kind for p in result.problems} & kinds, (name, result.problems)
    with pytest.raises(CommandError, match="审计日志校验失败"):
        call_command("audit", "verify")


def test_an_untouched_log_past_the_last_checkpoint_raises_no_alarm(chain_past, capsys):
    marker = json.loads(chain_past.heads[0].read_text())
    assert marker["seq"] == chain_past.newest and marker["hash"] == _row(chain_past.newest).hash
    copy = json.loads(chain_past.heads[1].read_text())
    assert (copy["seq"], copy["hash"]) == (marker["seq"], marker["hash"])
    call_command("audit", "verify")
    assert capsys.readouterr().out.startswith("审计日志完整")


def test_a_rolled_back_write_past_the_last_checkpoint_is_not_a_deletion(
    chain_past, users, django_capture_on_commit_callbacks
):
    from django.db import transaction

    # given one more committed entry, then a transaction that writes three and rolls back
    with django_capture_on_commit_callbacks(execute=True):
        committed = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            for _ in range(3):
                audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
            raise RuntimeError
    # then no callback ran for it, the marker still names the committed entry, and no alarm
    assert callbacks == []
    assert json.loads(chain_past.heads[0].read_text())["seq"] == committed.seq == _head()
    assert audit_verify().ok


def test_a_rolled_back_savepoint_leaves_the_marker_at_the_last_surviving_entry(
    chain_past, users, django_capture_on_commit_callbacks
):
    from django.db import transaction

    # given a transaction that writes an entry, then a savepoint with two more that rolls back
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            kept = audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
            with pytest.raises(RuntimeError), transaction.atomic():
                for _ in range(2):
                    audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
                raise RuntimeError
    # then the kept entry's marker was written (not superseded by the rolled-back ones)
    assert len(callbacks) == 1
    assert json.loads(chain_past.heads[0].read_text())["seq"] == kept.seq == _head()
    assert audit_verify().ok


def test_one_transaction_of_many_entries_writes_the_marker_once(
    chain_past, users, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db import transaction

    from gongzhi.core import audit

    writes = []
    original = audit.head_marker_write
    monkeypatch.setattr(
        audit, "head_marker_write", lambda path, **kw: writes.append(kw) or original(path, **kw)
    )
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        last = [audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED) for _ in range(25)][-1]
    assert [w["seq"] for w in writes] == [last.seq, last.seq]  # the data dir's marker and the copy's
    assert audit_verify().ok


def test_concurrent_writers_never_move_the_marker_back(chain_past, settings):
    """Processes committing in another order than their seqs: the marker keeps the highest."""
    from gongzhi.core.audit import head_advance

    newest = _row(chain_past.newest)
    older = _row(chain_past.newest - 1)
    head_advance(seq=older.seq, hash=older.hash)  # a late callback of an earlier commit
    assert json.loads(chain_past.heads[0].read_text())["seq"] == newest.seq
    assert audit_verify().ok


# --- rows written before the key ---------------------------------------------------------------


@pytest.fixture
def legacy_chain(settings, tmp_path, users):
    """A log written before the key: plain SHA-256 rows, then the migration's seal, then keyed rows."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_COPY = ""
    _delete("1 = 1")
    prev = auditchain.GENESIS_HASH
    for seq in range(1, 8):
        entry = AuditEntry(
            seq=seq,
            at=clock.now(),
            username="fuer",
            role="plan_office",
            action=AuditAction.PLAN_IMPORTED,
            object_repr=f"旧记录{seq}",
            detail={"seq": seq},
            prev_hash=prev,
            scheme=LEGACY,
        )
        entry.hash = entry.compute_hash(b"")  # the key is unused for plain SHA-256
        entry.save(force_insert=True)
        prev = entry.hash
    migration = importlib.import_module("gongzhi.core.migrations.0003_auditentry_keyed_hash")
    migration.seal_legacy_rows(django_apps, types.SimpleNamespace(connection=connection))
    for _ in range(3):
        audit_record(actor=users["admin"], action=AuditAction.USER_UPDATED)
    audit_checkpoint()
    return 7


def test_old_plain_rows_still_verify_after_the_seal(legacy_chain):
    seal = _row(legacy_chain + 1)
    assert seal.scheme == KEYED and seal.action == AuditAction.AUDIT_KEY_ENABLED
    assert seal.detail == {"legacy_rows": 7, "legacy_head_seq": 7}
    result = audit_verify()
    assert result.ok, result.problems
    assert result.checked == legacy_chain + 4


def test_an_edited_old_plain_row_is_detected(legacy_chain):
    _raw("UPDATE core_auditentry SET object_repr = %s WHERE seq = 3", ["篡改"])
    assert {p.kind for p in audit_verify().problems} == {"content"}


def test_downgrading_keyed_rows_to_plain_sha256_is_detected(legacy_chain):
    # rewrite the seal and everything after it as plain SHA-256, so every row is self-consistent
    _rehash_from(legacy_chain + 1, scheme=LEGACY, key=b"")
    kinds = {p.kind for p in audit_verify().problems}
    assert "scheme" in kinds and "checkpoint_row" in kinds


def test_a_log_written_wholly_in_plain_sha256_is_detected_without_checkpoints(legacy_chain, settings):
    # the forger also removes the checkpoint file and the head marker: the head must still be keyed
    _rehash_from(1, scheme=LEGACY, key=b"")
    Path(settings.AUDIT_CHECKPOINT_FILE).unlink()
    Path(settings.AUDIT_CHECKPOINT_FILE).with_name(HEAD_FILE).unlink()
    problems = audit_verify().problems
    assert [p.kind for p in problems] == ["scheme"] and "未经密钥签名" in problems[0].message
