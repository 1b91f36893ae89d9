from decimal import Decimal

import pytest

from gongzhi.core.templatetags.gongzhi import data_cell


@pytest.mark.parametrize(
    "value, shown",
    [
        (Decimal("9279.0000"), "9,279.00"),  # a scale-4 measure with nothing past the cents
        (Decimal("0.1250"), "0.125"),
        (Decimal("12.3456"), "12.3456"),
        (Decimal("1094922.00"), "1,094,922.00"),  # amounts with separators (issue 11)
        (Decimal("-1234.5"), "-1,234.50"),
        (None, ""),
        ("370306198001011234", "370306198001011234"),
    ],
)
def test_shared_data_cells_show_decimals_without_padding(value, shown):
    assert data_cell(value) == shown
