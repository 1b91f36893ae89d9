-- P02 研发费用未加计扣除: an annual return with R&D expense > 0 and no super deduction
-- ($claimed = false; true: those who claim it), of a taxpayer registered in an industry that may
-- claim it (not 烟草制造业, 住宿和餐饮业, 批发和零售业, 房地产业, 租赁和商务服务业, 娱乐业).
-- One row per taxpayer and tax year (period YYYY-12).
WITH returns AS (
    SELECT
        c.uscc,
        c.tax_year,
        c.rd_expense,
        c._submission_id,
        c._source_row,
        t._submission_id AS taxpayer_submission,
        t._source_row AS taxpayer_row
    FROM cit_annual AS c
    JOIN taxpayer AS t ON t.uscc = c.uscc
    WHERE c.uscc IS NOT NULL
      AND c.tax_year IS NOT NULL
      AND c.rd_expense > 0
      AND (coalesce(c.rd_deduction, 0) > 0) = $claimed
      AND t.industry_code IS NOT NULL
      AND NOT (
          starts_with(t.industry_code, 'C16')
          OR starts_with(t.industry_code, 'F')
          OR starts_with(t.industry_code, 'H')
          OR starts_with(t.industry_code, 'K70')
          OR starts_with(t.industry_code, 'L')
          OR starts_with(t.industry_code, 'R90')
      )
)
SELECT
    'P02' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    CAST(tax_year AS VARCHAR) || '-12' AS period,
    CAST(round(rd_expense * $deduction_ratio * $tax_rate, 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(rd_expense AS DECIMAL(18, 2)) AS amount,
    [
        {'dataset': 'cit_annual', 'submission': _submission_id, 'row': _source_row},
        {'dataset': 'taxpayer', 'submission': taxpayer_submission, 'row': taxpayer_row}
    ] AS evidence
FROM returns
