"""`gongzhi exchange catalog load FILE` and `gongzhi exchange submit --dataset CODE --unit NAME --period P FILE --json`."""

import json
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.exceptions import ApplicationError
from gongzhi.exchange.choices import SubmissionSource, SubmissionState
from gongzhi.exchange.models import Dataset
from gongzhi.org.matching import UnitIndex


class Command(BaseCommand):
    help = "数据共享：catalog load/export 需求清单；submit 报送数据文件"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="area", required=True)
        catalog = sub.add_parser("catalog", help="需求清单")
        catalog_sub = catalog.add_subparsers(dest="action", required=True)
        load = catalog_sub.add_parser("load", help="导入需求清单（.yaml 或 .xlsx）")
        load.add_argument("file")
        export = catalog_sub.add_parser("export", help="导出需求清单（.yaml 或 .xlsx，按扩展名）")
        export.add_argument("file")
        submit = sub.add_parser("submit", help="报送一个数据文件（CSV/XLSX），校验后输出结果")
        submit.add_argument("file")
        submit.add_argument("--dataset", required=True)
        submit.add_argument("--unit", required=True)
        submit.add_argument("--period", required=True)
        submit.add_argument("--json", action="store_true")

    def handle(self, *args, area: str, **options):
        try:
            if area == "catalog":
                self._catalog(options)
            else:
                self._submit(options)
        except ApplicationError as exc:
            for error in exc.extra.get("errors", [])[:50]:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc

    def _catalog(self, options):
        # the validation engine (DuckDB, PyArrow): imported when the command runs, so its start stays fast
        from gongzhi.exchange.services import catalog_export_yaml, catalog_load

        path = Path(options["file"])
        if options["action"] == "export":
            if not path.parent.is_dir():
                raise CommandError(f"目录不存在：{path.parent}")
            try:
                if path.suffix.lower() == ".xlsx":
                    from gongzhi.exchange.catalog_xlsx import write_catalog_xlsx
                    from gongzhi.exchange.services import catalog_entries_for_export

                    write_catalog_xlsx(catalog_entries_for_export(), path)
                else:
                    path.write_text(catalog_export_yaml(), encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"无法写入文件：{path}（{exc.strerror or exc}）") from exc
            self.stdout.write(f"已导出需求清单：{path}")
            return
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        counts = catalog_load(actor=None, data=path.read_bytes(), filename=path.name)
        self.stdout.write(
            f"需求清单已导入：新增{counts['created']}项，新版本{counts['new_versions']}项，"
            f"未变{counts['unchanged']}项"
        )

    def _submit(self, options):
        # the validation engine (DuckDB, PyArrow): imported when the command runs, so its start stays fast
        from gongzhi.exchange.services import submission_create

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        dataset = Dataset.objects.filter(code=options["dataset"]).select_related("current_version").first()
        if dataset is None:
            raise CommandError(f"数据项“{options['dataset']}”不在需求清单中")
        unit = UnitIndex.build().lookup(options["unit"])
        if unit is None:
            raise CommandError(f"单位“{options['unit']}”不在单位名录中")
        with tempfile.TemporaryDirectory() as tmp:  # the original file stays where it is
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            submission = submission_create(
                actor=None,
                dataset=dataset,
                unit=unit,
                period=options["period"],
                source_path=copy,
                filename=path.name,
                source=SubmissionSource.COMMAND,
                background=False,
                via="命令行",
            )
        payload = {
            # a whole-file problem (no data rows, a missing column…) is reported on the header line
            **submission.outcome(file_error_row=1),
            "error_count": submission.error_count,
            "file_errors": submission.file_errors,
            "period": submission.period,
            "seconds": submission.seconds,
        }
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, default=str))
        else:
            self.stdout.write(
                f"报送#{submission.pk} {submission.get_state_display()}：共{submission.rows}行，"
                f"接收{submission.accepted}行，错误{submission.rejected}行"
            )
            for message in submission.file_errors:
                self.stdout.write(f"  {message}")
        if submission.state in (SubmissionState.REJECTED, SubmissionState.FAILED):
            # the outcome is printed above; the exit status tells scripts the file was not taken
            raise CommandError(
                f"报送#{submission.pk}{submission.get_state_display()}：未接收任何数据", returncode=1
            )
