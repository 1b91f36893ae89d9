"""`gongzhi economy revenue` (see economy/management/commands/economy.py)."""

from django.core.management.base import CommandError


def add_arguments(parser) -> None:
    pass


def run(options, stdout) -> None:
    raise CommandError("尚未实现")
