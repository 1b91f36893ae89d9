"""Forms that round 27 (the blind set r269–r276 of tests/corpus, after its one scoring) showed.

Synthetic snippets (（测试）), each in two spellings; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import first_task_targets


@pytest.mark.parametrize("sentence", ["保护修缮15幢测试风貌建筑。", "改造测试老旧住宅15幢。"])
def test_buildings_counted_by_zhuang(sentence):
    assert first_task_targets(sentence) == [(">=", 15, "幢", 2020)]
