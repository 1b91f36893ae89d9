-- R05 土地出让未缴契税: a land buyer paid no 契税 in the contract month or the
-- $months_after months after. One lead per buyer and contract month.
WITH contracts AS (
    SELECT
        buyer_uscc AS uscc,
        strftime(contract_date, '%Y-%m') AS period,
        year(contract_date) * 12 + month(contract_date) AS month_no,
        price,
        _submission_id,
        _source_row
    FROM land_supply
    WHERE buyer_uscc IS NOT NULL AND contract_date IS NOT NULL
),
paid_months AS (
    SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS month_no
    FROM tax_paid
    WHERE tax_type = '契税' AND paid_date IS NOT NULL
        AND uscc IN (SELECT uscc FROM contracts)  -- only the taxpayers in question
),
hits AS (
    SELECT c.*
    FROM contracts AS c
    WHERE NOT EXISTS (
        SELECT 1
        FROM paid_months AS p
        WHERE p.uscc = c.uscc AND p.month_no BETWEEN c.month_no AND c.month_no + $months_after
    )
)
SELECT
    'R05' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    period,
    CAST(round(sum(price) * $tax_rate, 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    list({'dataset': 'land_supply', 'submission': _submission_id, 'row': _source_row}) AS evidence
FROM hits
GROUP BY uscc, period
