"""`gongzhi restore ARCHIVE [--data-dir DIR] [--force]`: check the archive whole (signature and
every hash) before touching anything, refuse a non-empty target unless --force, restore the
database and the files, count the rows and run `gongzhi audit verify` on the result. On any error
one Chinese line and exit 1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "从备份恢复：先校验备份的签名和哈希，再恢复数据库和文件，最后校验审计日志"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="gongzhi backup 生成的备份文件")
        parser.add_argument("--data-dir", type=Path, help="恢复到的数据目录（默认：GONGZHI_DATA_DIR）")
        parser.add_argument("--force", action="store_true", help="目标已有数据时仍然覆盖")

    def handle(self, *args, archive: Path, data_dir: Path | None, force: bool, verbosity: int, **options):
        def progress(message: str) -> None:
            if verbosity > 0:
                self.stderr.write(message)

        try:
            result = backup_restore(archive=archive, data_dir=data_dir, force=force, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        moved = f"，{result.paths_rewritten}个文件路径已改到新数据目录" if result.paths_rewritten else ""
        self.stdout.write(
            f"已恢复到 {result.data_dir}：数据库（{result.engine}）{result.rows}行，"
            f"数据文件{result.files}个{moved}"
        )
        if result.recorded:
            self.stdout.write("本次恢复已记入审计日志")
        if result.pending_migrations:
            self.stdout.write(
                f"备份缺少本程序的{len(result.pending_migrations)}个数据库迁移：请运行 gongzhi migrate"
            )
        if not result.audit_ok:
            raise CommandError(f"已恢复，但审计日志校验未通过：{result.audit_message}")
        self.stdout.write(f"审计日志校验通过：{result.audit_message}")
