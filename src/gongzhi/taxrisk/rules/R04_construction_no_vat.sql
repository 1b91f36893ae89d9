-- R04 施工项目未申报: a permit whose builder is registered (and not 注销) but paid no 增值税
-- in the issue month or the $months_after months after. One lead per builder and issue month.
WITH permits AS (
    SELECT
        p.builder_uscc AS uscc,
        strftime(p.issue_date, '%Y-%m') AS period,
        year(p.issue_date) * 12 + month(p.issue_date) AS month_no,
        p.contract_amount,
        p._submission_id,
        p._source_row
    FROM construction_permit AS p
    JOIN taxpayer AS t ON t.uscc = p.builder_uscc
    WHERE p.issue_date IS NOT NULL AND (t.status IS NULL OR t.status <> '注销')
),
paid_months AS (
    SELECT DISTINCT uscc, year(paid_date) * 12 + month(paid_date) AS month_no
    FROM tax_paid
    WHERE tax_type = '增值税' AND paid_date IS NOT NULL
        AND uscc IN (SELECT uscc FROM permits)  -- only the taxpayers in question
),
hits AS (
    SELECT p.*
    FROM permits AS p
    WHERE NOT EXISTS (
        SELECT 1
        FROM paid_months AS m
        WHERE m.uscc = p.uscc AND m.month_no BETWEEN p.month_no AND p.month_no + $months_after
    )
)
SELECT
    'R04' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    period,
    CAST(round(sum(contract_amount) * $tax_rate, 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    list({'dataset': 'construction_permit', 'submission': _submission_id, 'row': _source_row}) AS evidence
FROM hits
GROUP BY uscc, period
