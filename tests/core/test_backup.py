"""Backups and restore (issue 10, item 6): the drill.

A real installation in a temporary data dir, driven through the `gongzhi` console script as an
operator would: migrate, synthetic data built with the factories (a submission with its Parquet
file, an evidence file, audit entries, a checkpoint), `gongzhi backup`, then `gongzhi restore` into
a fresh data dir with a fresh SQLite file; row counts, file hashes and `gongzhi audit verify` are
checked on the restored installation. Archives that were tampered with, cut short or signed with
another key are refused before anything is touched. A backup taken while another process writes
restores to a consistent state. With PostgreSQL on 127.0.0.1:5432 (trust, user postgres) the same
round trip through pg_dump / pg_restore, on databases of its own.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongzhi.core.auditchain import checkpoint_sign
from gongzhi.core.backup import BackupError, _tool_major, backup_restore

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
KEY = "synthetic-drill-audit-key-0123456789abcdef"  # test key, labelled synthetic
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

SEED = f"""
import json, sys
sys.path.insert(0, {str(TESTS)!r})
from factories import SubmissionFactory, UserFactory
from gongzhi.core.audit import AuditAction, audit_checkpoint, audit_record
from gongzhi.exchange.models import Submission
from gongzhi.supervision.evidence import evidence_store

submission = SubmissionFactory()
user = UserFactory()
evidence = evidence_store(actor=user, unit=user.unit, filename="照片（测试）.png", data={PNG!r})
for n in range(3):
    audit_record(actor=user, action=AuditAction.USER_UPDATED, object_repr=f"演练（测试）{{n}}")
audit_checkpoint()
submission = Submission.objects.get(pk=submission.pk)
print(json.dumps({{"parquet": submission.parquet_path, "evidence": evidence.file_path,
                  "state": submission.state}}))
"""

WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from factories import UserFactory
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.supervision.evidence import evidence_store

user = UserFactory()
deadline = time.time() + {seconds}
n = 0
while time.time() < deadline and n < 2000:
    evidence_store(actor=user, unit=user.unit, filename=f"写入中（测试）{{n}}.png", data={png!r})
    audit_record(actor=user, action=AuditAction.USER_UPDATED, object_repr=f"并发（测试）{{n}}")
    n += 1
print(n)
"""


def _env(data_dir: Path, database_url: str = "", **extra) -> dict[str, str]:
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "GONGZHI_AUDIT_KEY": KEY,
        "GONGZHI_AUDIT_CHECKPOINT_EVERY": "5",
        "GONGZHI_AUDIT_CHECKPOINT_COPY": "",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
        **extra,
    }
    env.pop("GONGZHI_TASK_BACKEND", None)
    return env


def _gongzhi(env, *args, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and done.returncode != 0:
        pytest.fail(f"gongzhi {' '.join(args[:2])} failed:\n{done.stdout}\n{done.stderr}")
    return done


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _product_files(data_dir: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of the data files a backup must carry (Parquet, evidence...)."""
    found = {}
    for path in data_dir.rglob("*"):
        rel = path.relative_to(data_dir)
        if not path.is_file() or rel.parts[0] in {"tmp", "static", "backups", "secret_key", "audit_key"}:
            continue
        if rel.parts[:2] == ("exchange", "incoming") or path.name.startswith("gongzhi.sqlite3"):
            continue
        found[rel.as_posix()] = _sha(path)
    return found


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}


def _write_archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _installation(migrated: Path, data_dir: Path) -> dict[str, str]:
    """A fresh installation in `data_dir` from the migrated template (conftest `migrated_sqlite`)."""
    data_dir.mkdir(mode=0o700, parents=True)
    shutil.copyfile(migrated, data_dir / "gongzhi.sqlite3")
    return _env(data_dir)


@pytest.fixture(scope="module")
def source(migrated_sqlite, tmp_path_factory):
    """A seeded installation and its backup, made by `gongzhi` in child processes on a SQLite data dir
    of its own: every test reading it is `own_sqlite` (the PostgreSQL pass would repeat it unchanged).
    Made once per run, by the first test process to need it, in the folder the test processes share
    (tests/conftest.py): the tests only read it (a restore goes to a directory of its own), and a
    seeding and a backup cost each process half a minute or more of CPU."""
    import fcntl

    shared = Path(os.environ.get("GONGZHI_TESTS_SHARED") or tmp_path_factory.mktemp("shared"))
    base = shared / "backup-source"
    with open(shared / "backup-source.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # (one process makes it, the others wait and take it)
        if not (base / "made.json").exists():
            shutil.rmtree(base, ignore_errors=True)  # (a process that failed half-way)
            data = base / "data"
            env = _installation(migrated_sqlite, data)
            seeded = json.loads(_gongzhi(env, "shell", "-c", SEED).stdout.strip().splitlines()[-1])
            assert seeded["state"] == "accepted" and Path(seeded["parquet"]).is_file(), seeded
            before = _counts(data / "gongzhi.sqlite3")
            started = time.monotonic()
            done = _gongzhi(env, "backup", "--output", str(base / "backup.tar.gz"))
            made = {
                "seeded": seeded,
                "before": before,
                "stderr": done.stderr,
                "seconds": time.monotonic() - started,
            }
            (base / "made.json").write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
        made = json.loads((base / "made.json").read_text(encoding="utf-8"))
    return {
        "data": base / "data",
        "env": _env(base / "data"),
        "archive": base / "backup.tar.gz",
        "seeded": made["seeded"],
        "before": made["before"],
        "stderr": made["stderr"],
        "seconds": made["seconds"],
    }


@pytest.mark.own_sqlite
def test_backup_writes_one_private_archive_with_a_signed_manifest(source):
    archive = source["archive"]
    assert archive.stat().st_mode & 0o777 == 0o600
    assert not list(archive.parent.glob(".*.part"))
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])
    assert manifest["format"] == "gongzhi-backup" and manifest["version"] == 1
    assert manifest["engine"] == "sqlite" and "database.sqlite3" in members
    assert "core.0001_initial" in manifest["database"]["migrations"]
    assert manifest["database"]["missing_files"] == []
    assert manifest["database"]["tables"]["exchange_submission"] >= 1
    # the keys stay out of the archive; only a fingerprint of the audit key is named
    assert manifest["audit"]["key_included"] is False
    assert not any(name.endswith(("audit_key", "secret_key")) for name in members)
    assert KEY not in members["manifest.json"].decode()
    # every data file is listed with its size and hash, and the listed hash is the file's
    data = source["data"]
    listed = {e["path"].removeprefix("files/"): e["sha256"] for e in manifest["files"]}
    apart = {"audit-checkpoints.jsonl", "audit-head.json"}  # carried apart / from the manifest
    assert listed == {k: v for k, v in _product_files(data).items() if k not in apart}
    parquet = Path(source["seeded"]["parquet"]).relative_to(data).as_posix()
    evidence = Path(source["seeded"]["evidence"]).relative_to(data).as_posix()
    assert listed[parquet] == _sha(data / parquet) and listed[evidence] == _sha(data / evidence)
    assert hashlib.sha256(members["files/" + evidence]).hexdigest() == listed[evidence]
    # the checkpoint file is carried, and progress went to stderr
    assert members["audit-checkpoints.jsonl"].strip()
    assert "备份数据库" in source["stderr"] and "备份完成" in source["stderr"]


@pytest.mark.own_sqlite
def test_the_backup_is_in_the_audit_trail_with_the_archive_hash(source):
    with sqlite3.connect(source["data"] / "gongzhi.sqlite3") as conn:
        rows = conn.execute("SELECT detail FROM core_auditentry WHERE action = 'backup_created'").fetchall()
    assert len(rows) == 1
    detail = json.loads(rows[0][0])
    assert detail["sha256"] == _sha(source["archive"]) and detail["engine"] == "sqlite"


@pytest.mark.own_sqlite
def test_drill_restore_into_a_fresh_data_dir_keeps_rows_files_and_the_audit_chain(source, tmp_path):
    # given a fresh data dir (and so a fresh SQLite file), the same key from the environment
    target = tmp_path / "restored"
    env = _env(target)
    started = time.monotonic()
    done = _gongzhi(env, "restore", str(source["archive"]))
    seconds = time.monotonic() - started
    # then the restore reports success and the verification of the audit chain
    assert "审计日志校验通过" in done.stdout and "个文件路径已改到新数据目录" in done.stdout, done.stdout
    # rows: every table as in the source; the audit trail lacks the backup's own entry (written
    # after the snapshot) and has one for the restore instead
    restored = _counts(target / "gongzhi.sqlite3")
    after = _counts(source["data"] / "gongzhi.sqlite3")
    assert restored["core_auditentry"] == after["core_auditentry"] - 1 + 1
    with sqlite3.connect(target / "gongzhi.sqlite3") as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM core_auditentry ORDER BY seq DESC LIMIT 2")]
        (detail,) = conn.execute(
            "SELECT detail FROM core_auditentry WHERE action = 'backup_restored'"
        ).fetchone()
    assert actions[0] == "backup_restored" and "backup_created" not in actions
    assert json.loads(detail)["sha256"] == _sha(source["archive"]) and "已记入审计日志" in done.stdout
    assert {t: n for t, n in restored.items() if t != "core_auditentry"} == {
        t: n for t, n in after.items() if t != "core_auditentry"
    }
    assert restored["exchange_submission"] >= 1 and restored["supervision_evidence"] == 1
    # files: the same bytes at the same places, private
    checkpoints = "audit-checkpoints.jsonl"  # compared apart: the source's may have grown since
    files = _product_files(target)
    assert files.pop(checkpoints) == hashlib.sha256(_members(source["archive"])[checkpoints]).hexdigest()
    # the audit head marker names the restored chain's newest entry (the restore's own)
    files.pop("audit-head.json")
    marker = json.loads((target / "audit-head.json").read_text())
    with sqlite3.connect(target / "gongzhi.sqlite3") as conn:
        newest = conn.execute("SELECT seq, hash FROM core_auditentry ORDER BY seq DESC LIMIT 1").fetchone()
    assert (marker["seq"], marker["hash"]) == newest
    source_files = _product_files(source["data"])
    assert files == {k: v for k, v in source_files.items() if k not in {checkpoints, "audit-head.json"}}
    assert target.stat().st_mode & 0o777 == 0o700
    # stored paths now name the new data dir, and the files are there
    with sqlite3.connect(target / "gongzhi.sqlite3") as conn:
        (parquet,) = conn.execute(
            "SELECT parquet_path FROM exchange_submission WHERE parquet_path != ''"
        ).fetchone()
        (evidence,) = conn.execute("SELECT file_path FROM supervision_evidence").fetchone()
    assert parquet.startswith(str(target)) and Path(parquet).is_file()
    assert evidence.startswith(str(target)) and _sha(Path(evidence)) == hashlib.sha256(PNG).hexdigest()
    # and the restored installation's own `audit verify` passes, checkpoints included
    verified = _gongzhi(env, "audit", "verify")
    assert re.search(r"审计日志完整：共\d+条，哈希链无断裂，[1-9]\d*个检查点相符", verified.stdout), (
        verified.stdout
    )
    print(
        f"\nbackup {source['seconds']:.1f} s, restore {seconds:.1f} s, {source['archive'].stat().st_size} bytes"
    )


@pytest.mark.own_sqlite
def test_forced_restore_with_the_key_file_replaces_the_data_and_leaves_other_files(source, tmp_path):
    # given no key in the environment but the kept key file copied into a data dir that holds
    # an old evidence file and a file that is none of the product's
    target = tmp_path / "restored"
    (target / "evidence").mkdir(parents=True, mode=0o700)
    (target / "audit_key").write_text(KEY)
    (target / "evidence" / "old.png").write_bytes(PNG)
    (target / "notes.txt").write_text("运维备注（测试）")
    # and the head marker of a later, longer audit trail (validly signed): the restore replaces it
    later = checkpoint_sign(seq=10**6, hash="e" * 64, at="2030-01-01T00:00:00+00:00", key=KEY.encode())
    (target / "audit-head.json").write_text(later.line())
    env = _env(target)
    env.pop("GONGZHI_AUDIT_KEY")
    refused = _gongzhi(env, "restore", str(source["archive"]), "-v", "0", check=False)
    assert refused.returncode == 1 and "--force" in refused.stderr
    done = _gongzhi(env, "restore", str(source["archive"]), "--force", "-v", "0")
    assert "审计日志校验通过" in done.stdout
    assert not (target / "evidence" / "old.png").exists() and (target / "notes.txt").exists()
    assert json.loads((target / "audit-head.json").read_text())["seq"] < 10**6


@pytest.mark.own_sqlite
def test_the_console_script_refuses_a_tampered_archive_in_one_line(source, tmp_path):
    members = _members(source["archive"])
    name = next(n for n in members if n.startswith("files/evidence/"))
    members[name] = members[name][:-1] + b"\x01"
    tampered = _write_archive(tmp_path / "tampered.tar.gz", members)
    target = tmp_path / "restored"
    done = _gongzhi(_env(target), "restore", str(tampered), "-v", "0", check=False)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert name in lines[0] and "已拒绝恢复" in lines[0]
    assert not (target / "gongzhi.sqlite3").exists() and not (target / "evidence").exists()


def _tamper_file(members):
    name = next(n for n in members if n.endswith(".parquet"))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0xFF
    members[name] = bytes(data)
    return name


def _tamper_manifest(members):
    manifest = json.loads(members["manifest.json"])
    manifest["files"][0]["sha256"] = "0" * 64
    members["manifest.json"] = json.dumps(manifest).encode()
    return "签名不符"


def _drop_file(members):
    name = next(n for n in members if n.startswith("files/evidence/"))
    del members[name]
    return name


def _add_file(members):
    members["files/evidence/extra（测试）.png"] = PNG
    return "files/evidence/extra（测试）.png"


def _escape(members):
    members["files/../../escaped.txt"] = b"x"
    return "files/../../escaped.txt"


@pytest.mark.own_sqlite
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (_tamper_file, "哈希不符"),
        (_tamper_manifest, "签名不符"),
        (_drop_file, "缺少清单列出的文件"),
        (_add_file, "清单未列出"),
        (_escape, "不允许的条目"),
    ],
)
def test_a_tampered_archive_is_refused_before_anything_is_touched(
    source, tmp_path, settings, tamper, message
):
    settings.AUDIT_KEY = KEY
    members = _members(source["archive"])
    named = tamper(members)
    archive = _write_archive(tmp_path / "bad.tar.gz", members)
    target = tmp_path / "target"
    # even with --force, the archive is checked whole before the target is touched
    with pytest.raises(BackupError, match=message) as refused:
        backup_restore(archive=archive, data_dir=target, force=True)
    assert named in str(refused.value) or named == message
    assert not target.exists() and not (tmp_path / "escaped.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.tar.gz"]  # no staging folder left


@pytest.mark.own_sqlite
@pytest.mark.django_db
def test_a_truncated_archive_is_refused_naming_where_it_broke(source, tmp_path, settings):
    settings.AUDIT_KEY = KEY
    data = source["archive"].read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(BackupError, match="损坏或不完整：读取“") as refused:
        backup_restore(archive=cut, data_dir=tmp_path / "target", force=True)
    assert str(cut) in str(refused.value)
    assert not (tmp_path / "target").exists()


@pytest.mark.own_sqlite
@pytest.mark.django_db
def test_another_audit_key_is_refused_with_where_to_put_the_right_one(
    source, tmp_path, settings, monkeypatch
):
    monkeypatch.delenv("GONGZHI_AUDIT_KEY", raising=False)
    settings.AUDIT_KEY = "another-synthetic-key-000000000000000000"
    with pytest.raises(BackupError, match="审计密钥与备份时使用的不一致") as refused:
        backup_restore(archive=source["archive"], data_dir=tmp_path / "target", force=True)
    assert str(tmp_path / "target" / "audit_key") in str(refused.value)


@pytest.mark.own_sqlite
@pytest.mark.django_db
def test_a_non_empty_target_is_refused_without_force(source, tmp_path, settings, monkeypatch):
    settings.AUDIT_KEY = KEY
    target = tmp_path / "target"
    (target / "evidence").mkdir(parents=True)
    (target / "evidence" / "kept.png").write_bytes(PNG)
    with pytest.raises(CommandError, match=r"恢复目标不是空的.*--force"):
        call_command("restore", str(source["archive"]), "--data-dir", str(target), verbosity=0)
    assert (target / "evidence" / "kept.png").read_bytes() == PNG


def test_backup_refuses_to_overwrite_an_existing_file(tmp_path):
    existing = tmp_path / "old.tar.gz"
    existing.write_bytes(b"old")
    with pytest.raises(CommandError, match="文件已存在"):
        call_command("backup", "--output", str(existing), verbosity=0)
    assert existing.read_bytes() == b"old"
    with pytest.raises(CommandError, match="目录不存在"):
        call_command("backup", "--output", str(tmp_path / "no" / "x.tar.gz"), verbosity=0)


def test_missing_postgresql_tools_are_a_chinese_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on the PATH: no pg_dump
    with pytest.raises(BackupError, match=r"找不到 pg_dump.*postgresql-client"):
        _tool_major("pg_dump")


@pytest.mark.slow
def test_a_backup_taken_while_another_process_writes_restores_consistently(migrated_sqlite, tmp_path):
    # given an installation where another process keeps adding evidence files and audit entries
    data = tmp_path / "data"
    env = _installation(migrated_sqlite, data)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gongzhi.cli",
            "shell",
            "-c",
            WRITER.format(tests=str(TESTS), seconds=25, png=PNG),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline and len(list((data / "evidence").rglob("*.png"))) < 5:
            time.sleep(0.2)
        # when a backup runs meanwhile
        archive = tmp_path / "live.tar.gz"
        _gongzhi(env, "backup", "--output", str(archive), "-v", "0")
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    written = int(out.strip().splitlines()[-1])
    # then the restored copy is a consistent moment: rows counted as in the manifest (restore checks
    # them), every evidence row's file present with its hash, and the audit chain verifies
    target = tmp_path / "restored"
    restored = _gongzhi(_env(target), "restore", str(archive), "-v", "0")
    assert "审计日志校验通过" in restored.stdout
    with sqlite3.connect(target / "gongzhi.sqlite3") as conn:
        rows = conn.execute("SELECT file_path, sha256 FROM supervision_evidence").fetchall()
    assert 5 <= len(rows) < written + 1
    assert json.loads(_members(archive)["manifest.json"])["database"]["missing_files"] == []
    for path, sha in rows:
        assert _sha(Path(path)) == sha
    print(f"\n{written} writes by the other process, {len(rows)} in the backup")


def _postgres_ready() -> bool:
    if shutil.which("psql") is None or shutil.which("pg_dump") is None:
        return False
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc", "SELECT 1"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    return done.returncode == 0


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True, timeout=60
    )


@pytest.mark.own_postgres
def test_postgresql_round_trip_through_pg_dump(tmp_path):
    if not _postgres_ready():
        pytest.skip(
            "PostgreSQL is not reachable on 127.0.0.1:5432 (trust, user postgres) or pg_dump is missing"
        )
    suffix = uuid.uuid4().hex[:8]
    src_db, dst_db = f"gongzhi_backup_src_{suffix}", f"gongzhi_backup_dst_{suffix}"
    url = "postgres://postgres@127.0.0.1:5432/{}"
    _psql(f"CREATE DATABASE {src_db}")
    _psql(f"CREATE DATABASE {dst_db}")
    try:
        env = _env(tmp_path / "data", url.format(src_db))
        _gongzhi(env, "migrate", "--noinput", "-v0")
        seeded = json.loads(_gongzhi(env, "shell", "-c", SEED).stdout.strip().splitlines()[-1])
        archive = tmp_path / "pg.tar.gz"
        _gongzhi(env, "backup", "--output", str(archive), "-v", "0")
        manifest = json.loads(_members(archive)["manifest.json"])
        assert manifest["engine"] == "postgresql" and "database.pgdump" in _members(archive)
        assert manifest["database"]["pg_dump_major"] >= manifest["database"]["server_major"]
        # restore into another database and a fresh data dir
        target = tmp_path / "restored"
        target_env = _env(target, url.format(dst_db))
        done = _gongzhi(target_env, "restore", str(archive), "-v", "0")
        assert "审计日志校验通过" in done.stdout, done.stdout
        # a second restore into the now full database needs --force, and works with it
        again = _gongzhi(target_env, "restore", str(archive), "-v", "0", check=False)
        assert again.returncode == 1 and "--force" in again.stderr
        _gongzhi(target_env, "restore", str(archive), "--force", "-v", "0")
        check = (
            "from gongzhi.exchange.models import Submission; from gongzhi.supervision.models import Evidence; "
            "import hashlib, pathlib; e = Evidence.objects.get(); "
            "s = Submission.objects.exclude(parquet_path='').get(); "
            f"print(pathlib.Path(s.parquet_path).is_file(), s.parquet_path.startswith({str(target)!r}), "
            "hashlib.sha256(pathlib.Path(e.file_path).read_bytes()).hexdigest() == e.sha256)"
        )
        answer = _gongzhi(target_env, "shell", "-c", check).stdout.strip().splitlines()[-1]
        assert answer.split() == ["True", "True", "True"]
        assert Path(seeded["parquet"]).name in {p.name for p in target.rglob("*.parquet")}
    finally:
        _psql(f"DROP DATABASE IF EXISTS {src_db} WITH (FORCE)")
        _psql(f"DROP DATABASE IF EXISTS {dst_db} WITH (FORCE)")
