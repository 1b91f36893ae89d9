"""The `gongzhi` console command: manage.py under the product's name.

`gongzhi units load FILE` and `gongzhi audit verify` are the project's own
management commands; their sub-words are parsed by those commands.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongzhi", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
