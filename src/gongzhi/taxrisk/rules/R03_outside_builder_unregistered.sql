-- R03 外来施工未登记: a construction permit whose builder is not in the taxpayer registry
-- or is 注销 there. One lead per builder and issue month.
WITH permits AS (
    SELECT
        builder_uscc AS uscc,
        strftime(issue_date, '%Y-%m') AS period,
        contract_amount,
        _submission_id,
        _source_row
    FROM construction_permit
    WHERE builder_uscc IS NOT NULL AND issue_date IS NOT NULL
),
hits AS (
    SELECT
        p.*,
        t._submission_id AS taxpayer_submission,
        t._source_row AS taxpayer_row
    FROM permits AS p
    LEFT JOIN taxpayer AS t ON t.uscc = p.uscc
    WHERE t.uscc IS NULL OR t.status = '注销'
),
leads AS (
    SELECT uscc, period, sum(contract_amount) AS base
    FROM hits
    GROUP BY uscc, period
),
evidence_rows AS (
    SELECT uscc, period, 'construction_permit' AS dataset, _submission_id AS submission, _source_row AS source_row
    FROM hits
    UNION
    SELECT uscc, period, 'taxpayer' AS dataset, taxpayer_submission AS submission, taxpayer_row AS source_row
    FROM hits
    WHERE taxpayer_submission IS NOT NULL
),
evidence AS (
    SELECT uscc, period, list({'dataset': dataset, 'submission': submission, 'row': source_row}) AS evidence
    FROM evidence_rows
    GROUP BY uscc, period
)
SELECT
    'R03' AS rule,
    l.uscc,
    CAST(NULL AS VARCHAR) AS person,
    l.period,
    CAST(round(l.base * $tax_rate, 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    e.evidence
FROM leads AS l
JOIN evidence AS e ON e.uscc = l.uscc AND e.period = l.period
