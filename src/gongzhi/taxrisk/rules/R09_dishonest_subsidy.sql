-- R09 失信主体获补助: a subsidy paid to a taxpayer whose credit level is $credit_level in the
-- credit year of the payment, or whose status is $status. One lead per taxpayer and pay month.
WITH payments AS (
    SELECT
        uscc,
        strftime(pay_date, '%Y-%m') AS period,
        year(pay_date) AS pay_year,
        amount,
        _submission_id,
        _source_row
    FROM subsidy
    WHERE uscc IS NOT NULL AND pay_date IS NOT NULL
),
hits AS (
    SELECT
        p.*,
        t._submission_id AS taxpayer_submission,
        t._source_row AS taxpayer_row
    FROM payments AS p
    JOIN taxpayer AS t ON t.uscc = p.uscc
    WHERE (upper(t.credit_level) = $credit_level AND t.credit_year = p.pay_year) OR t.status = $status
),
leads AS (
    SELECT uscc, period, sum(amount) AS amount
    FROM hits
    GROUP BY uscc, period
),
evidence_rows AS (
    SELECT uscc, period, 'subsidy' AS dataset, _submission_id AS submission, _source_row AS source_row
    FROM hits
    UNION
    SELECT uscc, period, 'taxpayer' AS dataset, taxpayer_submission AS submission, taxpayer_row AS source_row
    FROM hits
),
evidence AS (
    SELECT uscc, period, list({'dataset': dataset, 'submission': submission, 'row': source_row}) AS evidence
    FROM evidence_rows
    GROUP BY uscc, period
)
SELECT
    'R09' AS rule,
    l.uscc,
    CAST(NULL AS VARCHAR) AS person,
    l.period,
    CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(l.amount AS DECIMAL(18, 2)) AS amount,
    e.evidence
FROM leads AS l
JOIN evidence AS e ON e.uscc = l.uscc AND e.period = l.period
