"""Backups and restore: one archive holds the database, the data directory's files and the audit
checkpoints, with a signed manifest of hashes.

Archive layout (tar.gz, mode 0600):
  database.sqlite3 | database.pgdump   SQLite online backup, or `pg_dump --format=custom`
  audit-checkpoints.jsonl              the checkpoint file (lines up to the database's audit head)
  files/<path under the data dir>      Parquet store, submitted files, evidence, plan sources...
  manifest.json                        version, time, engine, migrations, row counts, each file's
                                       path, size and SHA-256
  manifest.sig                         HMAC-SHA256 of manifest.json with the audit key

Not in the archive: the audit key and SECRET_KEY (an archive that leaks must not let its reader
forge audit entries or sessions: the key is kept and backed up apart), temporary work (tmp/,
exchange/incoming/, half-written files), collected static files, earlier backups (backups/).

Consistency while the server runs: a checkpoint of the chain's head is written first; the
database is copied in one consistent snapshot (SQLite's online backup API in one step, or
pg_dump on a snapshot exported from a REPEATABLE READ transaction that also counts the rows);
then the checkpoint file is copied, keeping the lines up to the snapshot's audit head; then the
files, which are written before the rows that name them and never changed afterwards, so every
file the snapshot names is there.

Restore reads the whole archive into a staging folder beside the target and checks the manifest's
signature and every hash before it touches the target; then the database, then the files (paths
stored in the database are moved from the old data dir to the new one), then the audit head marker
(audit-head.json: the snapshot's head, from the signed manifest, replacing any later one), then it
counts the rows and runs `gongzhi audit verify` on the restored installation.
"""

import getpass
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.files import TEMP_DIR_NAME, remove_temporary, temporary_directory

FORMAT = "gongzhi-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CHECKPOINTS = "audit-checkpoints.jsonl"
HEAD = "audit-head.json"  # core.audit.HEAD_FILE: written on restore from the manifest's audit head
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILES_PREFIX = "files/"
BACKUPS_DIR = "backups"
# Top-level names of the data dir that are not the product's data: keys (kept apart), temporary
# work, collected static files, backups. A restore target holding only these counts as empty.
NOT_DATA = frozenset({"secret_key", "audit_key", TEMP_DIR_NAME, "static", BACKUPS_DIR})
# Top-level folders the product writes its data files to (a forced restore replaces them whole).
PRODUCT_DIRS = frozenset({"exchange", "evidence", "imports", "media", CHECKPOINTS, HEAD})
_STRAY = re.compile(r"^(\.tmp-.*|\..*\.part)$")
_CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """Backup or restore cannot go on; the message (Chinese) says why."""


def _quiet(_message: str) -> None:
    pass


def _key_id(key: str) -> str:
    """A fingerprint of the audit key (says which key, reveals nothing of it)."""
    return hmac.new(key.encode("utf-8"), b"gongzhi-backup-key-id", hashlib.sha256).hexdigest()[:16]


def _sign(manifest: bytes, key: str) -> str:
    return hmac.new(key.encode("utf-8"), manifest, hashlib.sha256).hexdigest()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"不支持备份此类数据库：{vendor}（仅支持 SQLite 和 PostgreSQL）")
    return vendor


def _size_label(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def path_columns() -> list[tuple[str, str]]:
    """(table, column) of every model field that stores a file path ("…path"): the columns whose
    data-dir prefix a restore into another data dir rewrites."""
    from django.apps import apps

    columns = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField) and f.name.endswith("path"):
                columns.append((model._meta.db_table, f.column))
    return sorted(columns)


# --- what is in the data dir --------------------------------------------------------------------


def _family(database: Path) -> set[Path]:
    """A SQLite database file and its journal files."""
    database = Path(database).resolve()
    return {Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}


def _sqlite_files(data_dir: Path) -> set[Path]:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return set()
    return _family(Path(str(db["NAME"])))


def data_files(data_dir: Path, *, skip: set[Path] = frozenset()) -> list[Path]:
    """The product's files under the data dir, sorted: everything but NOT_DATA, exchange/incoming,
    half-written files, the SQLite database, the checkpoint file (archived apart), the audit head
    marker (restored from the manifest) and `skip`."""
    data_dir = Path(data_dir)
    skip = {Path(p).resolve() for p in skip} | _sqlite_files(data_dir)
    skip.add(Path(settings.AUDIT_CHECKPOINT_FILE).resolve())
    skip.add(Path(settings.AUDIT_CHECKPOINT_FILE).with_name(HEAD).resolve())
    skip.add((data_dir / CHECKPOINTS).resolve())
    skip.add((data_dir / HEAD).resolve())
    incoming = (data_dir / "exchange" / "incoming").resolve()
    found = []
    for root, dirs, files in os.walk(data_dir):
        here = Path(root)
        if here == data_dir:
            dirs[:] = [d for d in dirs if d not in NOT_DATA]
            files = [f for f in files if f not in NOT_DATA]
        dirs[:] = sorted(d for d in dirs if (here / d).resolve() != incoming and not (here / d).is_symlink())
        for name in files:
            path = here / name
            if _STRAY.match(name) or path.is_symlink() or not path.is_file():
                continue
            if path.resolve() in skip:
                continue
            found.append(path)
    return sorted(found)


# --- backup -------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    manifest: dict


@dataclass
class _Snapshot:
    member: str
    path: Path
    tables: dict[str, int]
    migrations: list[str]
    audit_head: tuple[int, str] | None
    referenced: set[str] = field(default_factory=set)  # file paths the snapshot's rows name
    extra: dict = field(default_factory=dict)


def _referenced(cursor, quote) -> set[str]:
    found = set()
    for table, column in path_columns():
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE {quote(column)} != ''")
        found.update(row[0] for row in cursor.fetchall())
    return found


def _sqlite_snapshot(work: Path) -> _Snapshot:
    """SQLite's online backup API in one step: a consistent copy while others write (WAL)."""
    target = work / DB_MEMBER["sqlite"]
    connection.ensure_connection()
    source = connection.connection
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        (check,) = copy.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError(f"数据库副本完整性检查未通过：{check}")
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        migrations = [
            f"{a}.{n}" for a, n in copy.execute("SELECT app, name FROM django_migrations ORDER BY id")
        ]
        head = copy.execute("SELECT seq, hash FROM core_auditentry ORDER BY seq DESC LIMIT 1").fetchone()
        referenced = _referenced(copy.cursor(), lambda n: f'"{n}"')
    except sqlite3.Error as exc:
        raise BackupError(f"数据库备份失败：{exc}") from None
    finally:
        copy.close()
    return _Snapshot(
        DB_MEMBER["sqlite"], target, counts, migrations, tuple(head) if head else None, referenced
    )


def _tool_major(tool: str) -> int:
    """The major version of a PostgreSQL client tool; BackupError (Chinese) when it is missing."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"找不到 {tool}：PostgreSQL 数据库的备份与恢复需要 PostgreSQL 客户端工具"
            f"（Debian/Ubuntu：apt-get install postgresql-client），版本不低于数据库服务器"
        )
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if not match:
        raise BackupError(f"无法识别 {tool} 的版本：{out.strip()}")
    return int(match.group(1))


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if sslmode := (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    return [*args, "-d", str(db["NAME"])], env


def _pg_snapshot(work: Path) -> _Snapshot:
    """pg_dump (custom format) on a snapshot exported from a REPEATABLE READ transaction, in which
    the rows are counted and the migration state and audit head read: all one moment."""
    dump_major = _tool_major("pg_dump")
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if dump_major < server_major:
        raise BackupError(
            f"pg_dump 版本（{dump_major}）低于数据库服务器版本（{server_major}）："
            f"请安装 {server_major} 或更新版本的 PostgreSQL 客户端工具"
        )
    target = work / DB_MEMBER["postgresql"]
    args, env = _pg_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        done = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "-f",
                str(target),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["（无输出）"])[-1]
            raise BackupError(f"pg_dump 失败：{last}")
        tables = sorted(connection.introspection.table_names(cursor))
        qn = connection.ops.quote_name
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = [f"{a}.{n}" for a, n in cursor.fetchall()]
        cursor.execute("SELECT seq, hash FROM core_auditentry ORDER BY seq DESC LIMIT 1")
        head = cursor.fetchone()
        referenced = _referenced(cursor, qn)
    extra = {"server_major": server_major, "pg_dump_major": dump_major}
    return _Snapshot(
        DB_MEMBER["postgresql"], target, counts, migrations, tuple(head) if head else None, referenced, extra
    )


def _checkpoint_lines(head_seq: int) -> tuple[bytes, int]:
    """The checkpoint file's lines that name a row of the snapshot (seq <= its head); and how many
    later lines were left out (written after the snapshot)."""
    try:
        text = Path(settings.AUDIT_CHECKPOINT_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return b"", 0
    kept, dropped = [], 0
    for line in text.splitlines():
        try:
            seq = json.loads(line).get("seq")
        except (ValueError, AttributeError):
            seq = None
        if isinstance(seq, int) and seq > head_seq:
            dropped += 1
            continue
        kept.append(line)
    return ("\n".join(kept) + "\n" if kept else "").encode("utf-8"), dropped


class _HashingReader:
    def __init__(self, handle, digest):
        self.handle, self.digest = handle, digest

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, source: Path) -> dict:
    """Add one file, hashing what is written; its manifest entry."""
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size, info.mode = size, 0o600
        info.mtime = int(os.fstat(handle.fileno()).st_mtime)
        tar.addfile(info, _HashingReader(handle, digest))
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(clock.now().timestamp())
    tar.addfile(info, io.BytesIO(data))
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def default_output() -> Path:
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / BACKUPS_DIR / f"gongzhi-backup-{stamp}.tar.gz"


def _output_path(output: Path | None) -> Path:
    if output is None:
        path = default_output()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    else:
        path = Path(output).expanduser().absolute()
        if path.is_dir():
            path = path / default_output().name
    if not path.parent.is_dir():
        raise BackupError(f"目录不存在：{path.parent}")
    if path.exists():
        raise BackupError(f"文件已存在：{path}（不覆盖已有备份，请换一个文件名）")
    return path


def backup_create(*, output: Path | None = None, progress: Progress = _quiet) -> BackupResult:
    """Write one archive of the database, the data dir's files and the audit checkpoints (see the
    module's docstring); record it in the audit trail. Nothing is left behind on failure."""
    from gongzhi.core.audit import AuditAction, AuditActor, audit_checkpoint, audit_record

    engine = _engine()
    path = _output_path(output)
    if connection.in_atomic_block:
        raise BackupError("不能在数据库事务中备份")
    data_dir = Path(settings.DATA_DIR).resolve()
    partial = path.with_name(f".{path.name}.part")
    work = temporary_directory("backup")
    try:
        progress("写入审计检查点……")
        audit_checkpoint()
        progress("备份数据库（SQLite 在线备份）……" if engine == "sqlite" else "备份数据库（pg_dump）……")
        snap = _sqlite_snapshot(work) if engine == "sqlite" else _pg_snapshot(work)
        progress(
            f"数据库已备份：{len(snap.tables)}张表，{sum(snap.tables.values())}行，"
            f"{_size_label(snap.path.stat().st_size)}"
        )
        head_seq = snap.audit_head[0] if snap.audit_head else 0
        checkpoints, dropped = _checkpoint_lines(head_seq)
        files = data_files(data_dir, skip={path, partial})
        total = sum(p.stat().st_size for p in files)
        # files the snapshot's rows name under the data dir but that are gone (deleted since)
        carried = {str(p) for p in files}
        missing = sorted(
            p for p in snap.referenced if p.startswith(f"{data_dir}{os.sep}") and p not in carried
        )
        if missing:
            progress(f"注意：数据库记录引用的{len(missing)}个文件在数据目录中已不存在，例如 {missing[0]}")
        progress(f"备份数据文件：{len(files)}个，共{_size_label(total)}……")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        entries = []
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
                database = _add(tar, snap.member, snap.path)
                checkpoint_entry = _add_bytes(tar, CHECKPOINTS, checkpoints)
                step = max(1, len(files) // 10)
                for number, source in enumerate(files, start=1):
                    rel = source.relative_to(data_dir).as_posix()
                    try:
                        entries.append(_add(tar, FILES_PREFIX + rel, source))
                    except FileNotFoundError:  # removed since it was listed (e.g. a temporary report)
                        progress(f"  跳过已删除的文件：{rel}")
                    if number % step == 0 or number == len(files):
                        progress(f"  已备份文件 {number}/{len(files)}")
                manifest = {
                    "format": FORMAT,
                    "version": FORMAT_VERSION,
                    "gongzhi_version": _product_version(),
                    "created_at": timezone.localtime(clock.now()).isoformat(),
                    "created_by": _os_user(),
                    "engine": engine,
                    "data_dir": str(data_dir),
                    "database": {
                        **database,
                        "tables": snap.tables,
                        "migrations": snap.migrations,
                        "missing_files": missing,
                        **snap.extra,
                    },
                    "audit": {
                        "head_seq": head_seq,
                        "head_hash": snap.audit_head[1] if snap.audit_head else "",
                        "checkpoints": checkpoint_entry,
                        "checkpoints_after_snapshot_left_out": dropped,
                        "key_id": _key_id(settings.AUDIT_KEY),
                        "key_included": False,
                    },
                    "files": entries,
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
                _add_bytes(tar, MANIFEST, body)
                _add_bytes(tar, SIGNATURE, _sign(body, settings.AUDIT_KEY).encode("ascii"))
            raw.flush()
            os.fsync(raw.fileno())
        sha = _file_sha(partial)
        size = partial.stat().st_size
        audit_record(
            actor=AuditActor(username="system", role="system"),
            action=AuditAction.BACKUP_CREATED,
            object_type="backup",
            object_repr=path.name,
            detail={
                "path": str(path),
                "size": size,
                "sha256": sha,
                "engine": engine,
                "files": len(entries),
                "audit_head_seq": head_seq,
                "os_user": manifest["created_by"],
            },
        )
        os.replace(partial, path)
        _fsync_dir(path.parent)
    except BackupError:
        raise
    except OSError as exc:
        raise BackupError(f"备份失败：{exc.strerror or exc}（{exc.filename or path}）") from None
    finally:
        partial.unlink(missing_ok=True)
        remove_temporary(work)
    progress(f"备份完成：{path}（{_size_label(size)}，SHA-256 {sha[:16]}…）")
    return BackupResult(path=path, size=size, sha256=sha, manifest=manifest)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no name for this uid (containers)
        return str(os.getuid())


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _product_version() -> str:
    try:
        from importlib.metadata import version

        return version("gongzhi")
    except Exception:
        return ""


# --- restore ------------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    data_dir: Path
    engine: str
    files: int
    rows: int
    paths_rewritten: int
    audit_ok: bool
    audit_message: str
    pending_migrations: list[str]
    manifest: dict
    recorded: bool = False  # the restore is an entry of the restored audit trail


def _safe_member(name: str) -> bool:
    if name in (MANIFEST, SIGNATURE, CHECKPOINTS, *DB_MEMBER.values()):
        return True
    pure = PurePosixPath(name)
    return (
        name.startswith(FILES_PREFIX)
        and not pure.is_absolute()
        and len(pure.parts) > 1
        and all(part not in ("", ".", "..") for part in pure.parts)
        and "\\" not in name
    )


def _extract(archive: Path, staging: Path, progress: Progress) -> dict[str, tuple[int, str]]:
    """Every member into the staging folder, hashed on the way; refuse anything unexpected."""
    seen: dict[str, tuple[int, str]] = {}
    current = ""
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            for member in tar:
                current = member.name
                if not member.isfile() or not _safe_member(member.name):
                    raise BackupError(f"备份文件中有不允许的条目“{member.name}”：已拒绝恢复（{archive}）")
                if member.name in seen:
                    raise BackupError(f"备份文件中“{member.name}”出现两次：已拒绝恢复（{archive}）")
                target = staging / member.name
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                source = tar.extractfile(member)
                with open(target, "xb") as out:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                if size != member.size:
                    raise EOFError
                seen[member.name] = (size, digest.hexdigest())
                if len(seen) % 200 == 0:
                    progress(f"  已读取 {len(seen)} 个条目")
    except BackupError:
        raise
    except FileNotFoundError:
        raise BackupError(f"备份文件不存在：{archive}") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        where = f"读取“{current}”时" if current else "读取开头时"
        raise BackupError(f"备份文件损坏或不完整：{where}出错（{archive}：{exc}），已拒绝恢复") from None
    return seen


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _restore_key(data_dir: Path) -> tuple[str, str]:
    """The audit key to check and restore with: GONGZHI_AUDIT_KEY, else the target's key file,
    else this process's key. Returns (key, where it came from)."""
    if key := os.environ.get("GONGZHI_AUDIT_KEY"):
        return key, "env"
    key_file = data_dir / "audit_key"
    if key_file.is_file():
        return key_file.read_text().strip(), "file"
    return settings.AUDIT_KEY, "settings"


def _check_manifest(archive: Path, staging: Path, seen: dict, data_dir: Path) -> tuple[dict, str, str]:
    if MANIFEST not in seen or SIGNATURE not in seen:
        last = f"，最后读到“{list(seen)[-1]}”" if seen else ""
        raise BackupError(f"备份文件不完整：缺少清单 {MANIFEST}{last}（{archive}），已拒绝恢复")
    body = (staging / MANIFEST).read_bytes()
    try:
        manifest = json.loads(body)
        assert manifest["format"] == FORMAT
    except Exception:
        raise BackupError(f"不是共治平台的备份文件，或清单无法读取：{archive}") from None
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"备份格式版本 {manifest.get('version')} 不受支持（本程序为 {FORMAT_VERSION}）")
    key, source = _restore_key(data_dir)
    key_id = manifest.get("audit", {}).get("key_id")
    if key_id != _key_id(key):
        where = "环境变量 GONGZHI_AUDIT_KEY" if source == "env" else str(data_dir / "audit_key")
        raise BackupError(
            f"审计密钥与备份时使用的不一致（备份为{key_id}，当前{where}为{_key_id(key)}）："
            f"请把备份时的审计密钥放到 {data_dir / 'audit_key'} 或设置 GONGZHI_AUDIT_KEY 后重试"
        )
    signature = (staging / SIGNATURE).read_text(encoding="ascii", errors="replace").strip()
    if not hmac.compare_digest(signature, _sign(body, key)):
        raise BackupError(f"备份清单签名不符：清单被改动，已拒绝恢复（{archive}）")
    listed = {
        manifest["database"]["path"]: manifest["database"],
        CHECKPOINTS: manifest["audit"]["checkpoints"],
    }
    for entry in manifest["files"]:
        listed[entry["path"]] = entry
    for name, entry in listed.items():
        if name not in seen:
            raise BackupError(f"备份中缺少清单列出的文件“{name}”：备份不完整，已拒绝恢复")
        size, sha = seen[name]
        if size != entry["size"] or sha != entry["sha256"]:
            raise BackupError(f"备份中的文件“{name}”与清单的哈希不符：备份被改动或损坏，已拒绝恢复")
    extra = sorted(set(seen) - set(listed) - {MANIFEST, SIGNATURE})
    if extra:
        raise BackupError(f"备份中有清单未列出的文件“{extra[0]}”：已拒绝恢复")
    return manifest, key, source


def _sqlite_target(data_dir: Path) -> Path:
    """Where the restored installation's SQLite file is: DATABASE_URL's when set, else in the data dir."""
    if os.environ.get("DATABASE_URL"):
        return Path(str(settings.DATABASES["default"]["NAME"])).resolve()
    return data_dir / "gongzhi.sqlite3"


def _sqlite_has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def _existing_data(data_dir: Path) -> list[Path]:
    if not data_dir.exists():
        return []
    return [p for p in sorted(data_dir.iterdir()) if p.name not in NOT_DATA]


def rewrite_paths(cursor, placeholder: str, quote, old: str, new: str) -> int:
    """Move stored file paths from the old data dir to the new one; how many values changed."""
    if old == new:
        return 0
    old_prefix, new_prefix = old.rstrip("/") + "/", new.rstrip("/") + "/"
    changed = 0
    p = placeholder
    for table, column in path_columns():
        c, t = quote(column), quote(table)
        cursor.execute(
            f"UPDATE {t} SET {c} = {p} || substr({c}, {p}) WHERE substr({c}, 1, {p}) = {p}",
            [new_prefix, len(old_prefix) + 1, len(old_prefix), old_prefix],
        )
        changed += max(cursor.rowcount, 0)
    return changed


def _pending_migrations(applied: list[str]) -> tuple[list[str], list[str]]:
    """(migrations of the backup this program does not know, migrations the backup lacks)."""
    from django.db.migrations.loader import MigrationLoader

    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    known = {f"{app}.{name}" for app, name in disk}
    apps = {app for app, _name in disk}
    ours = {m for m in applied if m.split(".", 1)[0] in apps}  # apps no longer installed: ignored
    return sorted(ours - known), sorted(known - set(applied))


def _count_sqlite(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _count_default() -> dict[str, int]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _run_audit_verify(data_dir: Path) -> tuple[bool, str]:
    """`gongzhi audit verify` as the restored installation runs it (its own process, its data dir)."""
    env = {**os.environ, "GONGZHI_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "gongzhi.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    message = lines[-1].removeprefix("CommandError: ") if lines else "（无输出）"
    return done.returncode == 0, message


def _restore_sqlite(staged: Path, target: Path, manifest: dict, data_dir: Path) -> int:
    """Rewrite paths in the staged copy, then put it in place in one rename."""
    with sqlite3.connect(staged) as db:
        changed = rewrite_paths(db.cursor(), "?", lambda n: f'"{n}"', manifest["data_dir"], str(data_dir))
    db.close()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    ready = target.with_name(f".{target.name}.restore")
    shutil.copyfile(staged, ready)
    os.chmod(ready, 0o600)
    if Path(str(settings.DATABASES["default"]["NAME"])).resolve() == target.resolve():
        connection.close()
    for suffix in ("-wal", "-shm", "-journal"):  # an old WAL must never be applied to the new file
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(ready, target)
    return changed


def _restore_postgres(staged: Path, manifest: dict, data_dir: Path, *, force: bool) -> int:
    restore_major = _tool_major("pg_restore")
    if restore_major < manifest["database"].get("pg_dump_major", 0):
        raise BackupError(
            f"pg_restore 版本（{restore_major}）低于生成备份的 pg_dump 版本"
            f"（{manifest['database']['pg_dump_major']}）：请安装更新的 PostgreSQL 客户端工具"
        )
    args, env = _pg_args()
    connection.close()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if force:
        command += ["--clean", "--if-exists"]
    done = subprocess.run(
        [*command, *args, str(staged)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["（无输出）"])[-1]
        raise BackupError(f"pg_restore 失败，数据库未改动：{last}")
    with transaction.atomic(), connection.cursor() as cursor:
        return rewrite_paths(cursor, "%s", connection.ops.quote_name, manifest["data_dir"], str(data_dir))


def _restore_head(path: Path, manifest: dict, key: str) -> None:
    """The audit head marker of the restored installation: the snapshot's head, signed again with
    the key the manifest was checked with (the manifest's signature vouches for seq and hash). It
    replaces a later marker of the same folder; none when the backup's audit trail was empty."""
    from gongzhi.core.audit import head_marker_write

    seq, head_hash = manifest["audit"]["head_seq"], manifest["audit"]["head_hash"]
    if seq:
        head_marker_write(path, seq=seq, hash=head_hash, key=key.encode("utf-8"), replace=True)
    else:
        path.unlink(missing_ok=True)


def backup_restore(
    *, archive: Path, data_dir: Path | None = None, force: bool = False, progress: Progress = _quiet
) -> RestoreResult:
    """Check the archive whole, then restore it into `data_dir` (and the configured database) and
    verify the result. Raises BackupError (Chinese) before touching anything when the archive is
    tampered, truncated or signed with another key, or the target is not empty without `force`."""
    archive = Path(archive).expanduser().absolute()
    data_dir = Path(data_dir or settings.DATA_DIR).expanduser().absolute()
    if not archive.is_file():
        raise BackupError(f"备份文件不存在：{archive}")
    if not data_dir.parent.is_dir():
        raise BackupError(f"目录不存在：{data_dir.parent}")
    engine = _engine()
    sqlite_target = _sqlite_target(data_dir) if engine == "sqlite" else None

    # the target: empty unless --force
    if not force:
        journal = _family(sqlite_target) if sqlite_target is not None else set()
        existing = [p for p in _existing_data(data_dir) if p.resolve() not in journal]
        if sqlite_target is not None and _sqlite_has_tables(sqlite_target):
            existing.insert(0, sqlite_target)
        elif engine == "postgresql" and connection.introspection.table_names():
            existing.insert(0, Path(f"PostgreSQL 数据库 {settings.DATABASES['default']['NAME']}"))
        if existing:
            raise BackupError(
                f"恢复目标不是空的（已有{existing[0]}等{len(existing)}项）：为免覆盖现有数据已停止；"
                "确认要覆盖请加 --force"
            )

    try:
        staging = Path(tempfile.mkdtemp(prefix=".gongzhi-restore-", dir=data_dir.parent))
    except OSError as exc:
        raise BackupError(f"无法在 {data_dir.parent} 中建立恢复用的临时目录：{exc.strerror or exc}") from None
    try:
        progress(f"读取并校验备份：{archive}……")
        archive_sha = _file_sha(archive)
        seen = _extract(archive, staging, progress)
        manifest, key, key_source = _check_manifest(archive, staging, seen, data_dir)
        progress(f"备份清单签名相符，{len(seen)}个条目的哈希全部相符（备份于{manifest['created_at']}）")
        if manifest["engine"] != engine:
            raise BackupError(
                f"备份的数据库为 {manifest['engine']}，当前配置的数据库为 {engine}：不能直接恢复"
            )
        unknown, _pending = _pending_migrations(manifest["database"]["migrations"])
        if unknown:
            raise BackupError(
                f"备份来自更新版本的程序（含本程序没有的数据库迁移 {unknown[0]} 等{len(unknown)}个）："
                "请先升级程序再恢复"
            )

        progress("恢复数据库……")
        staged_db = staging / manifest["database"]["path"]
        if engine == "sqlite":
            rewritten = _restore_sqlite(staged_db, sqlite_target, manifest, data_dir)
        else:
            rewritten = _restore_postgres(staged_db, manifest, data_dir, force=force)

        progress(f"恢复数据文件：{len(manifest['files'])}个……")
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if force:
            # replace what the product keeps; anything else found in the folder is left alone
            ours = PRODUCT_DIRS | {PurePosixPath(e["path"]).parts[1] for e in manifest["files"]}
            for old in _existing_data(data_dir):
                if old.name not in ours or old.resolve() in _family(sqlite_target or data_dir / "-"):
                    continue
                shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
        for entry in manifest["files"]:
            dest = data_dir / entry["path"].removeprefix(FILES_PREFIX)
            dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            shutil.move(staging / entry["path"], dest)
        shutil.move(staging / CHECKPOINTS, data_dir / CHECKPOINTS)
        _restore_head(data_dir / HEAD, manifest, key)
        if key_source == "settings":
            key_file = data_dir / "audit_key"
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(key)
    except OSError as exc:
        raise BackupError(f"恢复失败：{exc.strerror or exc}（{exc.filename or data_dir}）") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    progress("核对行数……")
    counts = _count_sqlite(sqlite_target) if engine == "sqlite" else _count_default()
    for table, expected in manifest["database"]["tables"].items():
        if counts.get(table) != expected:
            raise BackupError(
                f"恢复后的数据表 {table} 有{counts.get(table, 0)}行，备份时为{expected}行：恢复结果不可信"
            )
    recorded = _is_this_installation(data_dir, sqlite_target)
    if recorded:
        from gongzhi.core.audit import AuditAction, AuditActor, audit_record

        connection.close()  # the next query opens the restored database
        audit_record(
            actor=AuditActor(username="system", role="system"),
            action=AuditAction.BACKUP_RESTORED,
            object_type="backup",
            object_repr=archive.name,
            detail={
                "archive": str(archive),
                "sha256": archive_sha,
                "backup_created_at": manifest["created_at"],
                "audit_head_seq": manifest["audit"]["head_seq"],
                "os_user": _os_user(),
            },
        )
    progress("校验审计日志（gongzhi audit verify）……")
    audit_ok, audit_message = _run_audit_verify(data_dir)
    _unknown, pending = _pending_migrations(manifest["database"]["migrations"])
    return RestoreResult(
        data_dir=data_dir,
        engine=engine,
        files=len(manifest["files"]),
        rows=sum(manifest["database"]["tables"].values()),
        paths_rewritten=rewritten,
        audit_ok=audit_ok,
        audit_message=audit_message,
        pending_migrations=pending,
        manifest=manifest,
        recorded=recorded,
    )


def _is_this_installation(data_dir: Path, sqlite_target: Path | None) -> bool:
    """Whether this process's settings are those of the restored installation (its data dir and
    database), so that the restore can be written to the restored audit trail."""
    if data_dir.resolve() != Path(settings.DATA_DIR).resolve():
        return False
    if sqlite_target is None:
        return True
    return sqlite_target.resolve() == Path(str(settings.DATABASES["default"]["NAME"])).resolve()
