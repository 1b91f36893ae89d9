-- P01 小型微利企业未享受优惠: an annual enterprise income tax return of a small low-profit enterprise
-- (headcount <= $max_headcount, total assets <= $max_assets 万元, 0 < taxable income <= $max_income)
-- that does not claim the preference ($claimed = false; true lists those who claim it: take-up).
-- One row per taxpayer and tax year (period YYYY-12); tax_at_risk = the estimated relief missed.
SELECT
    'P01' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    CAST(tax_year AS VARCHAR) || '-12' AS period,
    CAST(round(taxable_income * ($standard_rate - $preferential_rate), 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(taxable_income AS DECIMAL(18, 2)) AS amount,
    [{'dataset': 'cit_annual', 'submission': _submission_id, 'row': _source_row}] AS evidence
FROM cit_annual
WHERE uscc IS NOT NULL
  AND tax_year IS NOT NULL
  AND headcount <= $max_headcount
  AND total_assets <= $max_assets
  AND taxable_income > 0
  AND taxable_income <= $max_income
  AND coalesce(small_low_profit, FALSE) = $claimed
