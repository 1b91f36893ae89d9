"""`gongzhi audit verify`: check the keyed hash chain and the checkpoints, one line per problem.
`gongzhi audit checkpoint`: write a signed checkpoint of the chain's head outside the database."""

from django.core.management.base import BaseCommand, CommandError

from gongzhi.core.audit import audit_checkpoint, audit_verify

MAX_LINES = 50  # problems listed one per line; the rest are counted


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链与检查点；checkpoint 写入检查点"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="逐条校验审计日志哈希链和库外检查点")
        sub.add_parser("checkpoint", help="把当前最新一条审计记录的签名检查点写入库外文件")

    def handle(self, *args, action: str, **options):
        if action == "checkpoint":
            return self._checkpoint()
        result = audit_verify()
        if not result.ok:
            for problem in result.problems[:MAX_LINES]:
                self.stderr.write(f"问题：{problem.message}")
            if len(result.problems) > MAX_LINES:
                self.stderr.write(f"……另有{len(result.problems) - MAX_LINES}处问题未列出")
            raise CommandError(
                f"审计日志校验失败：{result.reason}（共{len(result.problems)}处问题；"
                f"已校验{result.checked}条记录、{result.checkpoints}个检查点）"
            )
        self.stdout.write(
            f"审计日志完整：共{result.checked}条，哈希链无断裂，{result.checkpoints}个检查点相符"
        )

    def _checkpoint(self) -> None:
        result = audit_checkpoint()
        if result is None:
            self.stdout.write("审计日志为空，无需写入检查点")
            return
        cp = result.checkpoint
        if result.written:
            where = "、".join(str(p) for p in result.written)
            self.stdout.write(f"已写入检查点：第{cp.seq}条，哈希{cp.hash[:12]}…，写入{where}")
        if result.failed or not result.written:
            failed = "、".join(str(p) for p in result.failed) or "（签名失败）"
            raise CommandError(f"检查点写入失败：{failed}")
