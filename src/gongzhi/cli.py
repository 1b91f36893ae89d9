"""The `gongzhi` console command: manage.py under the product's name.

`gongzhi units load FILE` and `gongzhi audit verify` are the project's own
management commands; their sub-words are parsed by those commands.

A failure is one Chinese line on stderr: a command's CommandError without Django's English
"CommandError: " prefix (exit 1, or the error's own code), a bad command line without argparse's
English usage block (exit 2), an unknown command named in Chinese (exit 1). `--traceback` still
shows the traceback.
"""

import os
import re
import sys

# argparse's own messages (looked up through argparse's module-level `_` when they are shown)
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 至少需要一个",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的取值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
}


# sqlite3: "no such table: plans_parselesson"; PostgreSQL: 'relation "plans_parselesson" does not exist'
_MISSING_TABLE = re.compile(r"no such table|relation .+ does not exist")


class _Failed(Exception):
    """A command's CommandError, carried past Django's English printing of it."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def _in_chinese() -> None:
    import argparse

    from django.core.management.base import CommandError, CommandParser

    english = argparse._
    argparse._ = lambda message: _ARGPARSE_ZH.get(message, english(message))

    def error(self, message):
        """One line instead of argparse's usage block and English "error:" line."""
        if not self.called_from_command_line:
            raise CommandError(f"Error: {message}")  # as Django's own, for call_command
        self.exit(2, f"{self.prog}：参数错误：{message}（{self.prog} --help 查看用法）\n")

    CommandParser.error = error


def _utility(argv: list[str]):
    from django.core.management import ManagementUtility, get_commands
    from django.core.management.base import CommandError, SystemCheckError
    from django.db import DatabaseError

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            if subcommand not in get_commands():
                sys.stderr.write(f"未知命令：{subcommand}（运行 gongzhi help 列出全部命令）\n")
                sys.exit(1)
            command = super().fetch_command(subcommand)
            execute = command.execute

            def checked(*args, **options):
                try:
                    return execute(*args, **options)
                except CommandError as exc:
                    if options.get("traceback") or isinstance(exc, SystemCheckError):
                        raise
                    raise _Failed(exc) from exc
                except DatabaseError as exc:
                    if options.get("traceback") or not _MISSING_TABLE.search(str(exc)):
                        raise
                    # a data directory whose database was never set up (or is older than the code)
                    raise _Failed(
                        CommandError(
                            "数据库尚未初始化或版本过旧：请先运行 gongzhi migrate"
                            "（或 README 中的启动命令）后再试",
                            returncode=2,
                        )
                    ) from exc

            command.execute = checked
            return command

    return Utility(argv)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    _in_chinese()
    utility = _utility(["gongzhi", *(sys.argv[1:] if argv is None else argv)])
    try:
        utility.execute()
    except _Failed as failed:
        sys.stderr.write(f"{failed.error}\n")
        sys.exit(failed.error.returncode)


if __name__ == "__main__":
    main()
