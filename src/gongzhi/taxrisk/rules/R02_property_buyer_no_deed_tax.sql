-- R02 不动产承受未缴契税: a company buyer paid no 契税 in the deal month or the
-- $months_after months after. One lead per buyer and deal month.
WITH deals AS (
    SELECT
        buyer_uscc AS uscc,
        strftime(deal_date, '%Y-%m') AS period,
        year(deal_date) * 12 + month(deal_date) AS month_no,
        price,
        _submission_id,
        _source_row
    FROM real_estate_tx
    WHERE buyer_uscc IS NOT NULL AND deal_date IS NOT NULL
),
paid_months AS (
    SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS month_no
    FROM tax_paid
    WHERE tax_type = '契税' AND paid_date IS NOT NULL
        AND uscc IN (SELECT uscc FROM deals)  -- only the taxpayers in question
),
hits AS (
    SELECT d.*
    FROM deals AS d
    WHERE NOT EXISTS (
        SELECT 1
        FROM paid_months AS p
        WHERE p.uscc = d.uscc AND p.month_no BETWEEN d.month_no AND d.month_no + $months_after
    )
)
SELECT
    'R02' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    period,
    CAST(round(sum(price) * $tax_rate, 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    list({'dataset': 'real_estate_tx', 'submission': _submission_id, 'row': _source_row}) AS evidence
FROM hits
GROUP BY uscc, period
