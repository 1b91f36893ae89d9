"""The bulk path (files) and the API path (rows) give the same errors for the same rows."""

import datetime as dt

from gongzhi.exchange.validation import validate_file, validate_rows

TODAY = dt.date(2025, 7, 1)


def sample_rows(codes) -> list[dict[str, str]]:
    unit = codes.unit_no()
    rows = [
        {
            "unit_no": unit,
            "seller_uscc": codes.uscc(),
            "price": "1000000",
            "unit_price": "10000",
            "area": "100",
            "deal_date": "2025-06-01",
            "use": "住宅",
        },
        {
            "unit_no": codes.unit_no(),
            "seller_uscc": codes.uscc()[:17] + "#",
            "price": "1,234.5",
            "deal_date": "2025/6/31",
            "use": "别墅",
        },
        {
            "unit_no": unit,
            "seller_id": "11010519491231002X",
            "price": "-3",
            "deal_date": "2025年6月3日",
            "use": " 商业 ",
        },
        {"unit_no": codes.unit_no(), "seller_id": "1.10105E+17", "price": "=1+1", "deal_date": "20250701"},
        {
            "unit_no": "370306001002GB00001W00010001",
            "price": "12.345",
            "deal_date": "45838",
            "use": "@SUM(A1)",
        },
        {
            "unit_no": codes.unit_no(),
            "seller_uscc": codes.uscc(),
            "price": "2000000",
            "unit_price": "10000",
            "area": "100",
            "deal_date": "2025-06-30",
        },
        {
            "unit_no": codes.unit_no(),
            "seller_uscc": " " + codes.uscc().lower() + " ",
            "price": "１２３",
            "deal_date": "2025-06-30",
            "use": "其他",
        },
    ]
    return rows


def test_file_and_api_paths_agree(codes, tx_spec, tx_header, write_csv, write_xlsx, out_dir):
    rows = sample_rows(codes)
    order = ["unit_no", "seller_uscc", "seller_id", "unit_price", "area", "price", "deal_date", "use"]
    table = [tx_header] + [[r.get(k, "") for k in order] for r in rows]

    api_accepted, api_errors = validate_rows(rows, tx_spec, "2025-06", first_row=2, today=TODAY)
    expected = [(e.row, e.field, e.code, e.value, e.reason) for e in api_errors]
    assert len(expected) >= 10  # the sample exercises many rules

    for path in (write_csv(table), write_xlsx(table)):
        result = validate_file(path, tx_spec, period="2025-06", submission_id=1, out_dir=out_dir, today=TODAY)
        got = [(e.row, e.field, e.code, e.value, e.reason) for e in result.errors]
        assert got == expected, path.name
        assert result.accepted == len(api_accepted)
