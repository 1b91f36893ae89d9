"""`gongzhi backup [--output PATH]`: one archive of the database, the data dir's files and the
audit checkpoints, with a signed manifest of hashes (see gongzhi.core.backup). Progress on
stderr; on any error one Chinese line and exit 1, nothing left behind."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "备份：数据库、数据目录中的文件和审计检查点，写入一个带哈希清单的归档文件"

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="备份文件路径或目录（默认：数据目录下 backups/gongzhi-backup-日期-时间.tar.gz）",
        )

    def handle(self, *args, output: Path | None, verbosity: int, **options):
        def progress(message: str) -> None:
            if verbosity > 0:
                self.stderr.write(message)

        try:
            result = backup_create(output=output, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(result.path))
