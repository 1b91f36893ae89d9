"""`gongzhi economy revenue --by tax_type|industry|town --period-from YYYY-MM --period-to YYYY-MM --json`
and `gongzhi economy forecast FILE.csv (--monthly | --cumulative) [--horizon 12] --json`.

Each sub-command lives in its own module (`economy.cli_revenue`, `economy.cli_forecast`) with
`add_arguments(parser)` and `run(options, stdout) -> None`; with --json only the JSON document goes
to stdout, errors go to stderr in Chinese with exit status 1 (CommandError).
"""

from importlib import import_module

from django.core.management.base import BaseCommand

SUBCOMMANDS = {
    "revenue": ("gongzhi.economy.cli_revenue", "税收收入：按税种、行业或镇街汇总入库金额"),
    "forecast": ("gongzhi.economy.cli_forecast", "收入预测：按月或累计数据预测未来各月，并给出回测误差"),
}


class Command(BaseCommand):
    help = "经济分析：revenue 税收收入汇总；forecast 收入预测"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, (module, help_text) in SUBCOMMANDS.items():
            import_module(module).add_arguments(sub.add_parser(name, help=help_text))

    def handle(self, *args, **options):
        import_module(SUBCOMMANDS[options["action"]][0]).run(options, self.stdout)
