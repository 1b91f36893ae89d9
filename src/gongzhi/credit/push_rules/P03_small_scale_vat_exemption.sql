-- P03 小规模纳税人月销售额10万元以下免征增值税: a small-scale taxpayer (registry kind) whose declared
-- sales of a month are <= $monthly_threshold and who paid VAT for that month (net of refunds > 0;
-- $claimed = true lists those below the threshold who paid none: take-up).
-- One row per taxpayer and month; tax_at_risk = the VAT paid for the month.
WITH months AS (
    SELECT
        d.uscc,
        d.period,
        d.revenue,
        d._submission_id,
        d._source_row,
        t._submission_id AS taxpayer_submission,
        t._source_row AS taxpayer_row
    FROM declaration AS d
    JOIN taxpayer AS t ON t.uscc = d.uscc
    WHERE d.uscc IS NOT NULL
      AND d.period IS NOT NULL
      AND d.revenue <= $monthly_threshold
      AND t.kind = '小规模纳税人'
),
vat AS (
    SELECT uscc, period, sum(amount) AS paid
    FROM tax_paid
    WHERE tax_type = '增值税' AND uscc IS NOT NULL AND period IS NOT NULL
    GROUP BY uscc, period
),
hits AS (
    SELECT m.*, coalesce(v.paid, 0) AS paid
    FROM months AS m
    LEFT JOIN vat AS v ON v.uscc = m.uscc AND v.period = m.period
    WHERE (coalesce(v.paid, 0) > 0) <> $claimed
),
evidence_rows AS (
    SELECT uscc, period, 'declaration' AS dataset, _submission_id AS submission, _source_row AS source_row
    FROM hits
    UNION
    SELECT uscc, period, 'taxpayer' AS dataset, taxpayer_submission AS submission, taxpayer_row AS source_row
    FROM hits
    UNION
    SELECT p.uscc, p.period, 'tax_paid' AS dataset, p._submission_id AS submission, p._source_row AS source_row
    FROM tax_paid AS p
    JOIN hits AS h ON h.uscc = p.uscc AND h.period = p.period
    WHERE p.tax_type = '增值税'
),
evidence AS (
    SELECT uscc, period, list({'dataset': dataset, 'submission': submission, 'row': source_row}) AS evidence
    FROM evidence_rows
    GROUP BY uscc, period
)
SELECT
    'P03' AS rule,
    h.uscc,
    CAST(NULL AS VARCHAR) AS person,
    h.period,
    CAST(h.paid AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(h.revenue AS DECIMAL(18, 2)) AS amount,
    e.evidence
FROM hits AS h
JOIN evidence AS e ON e.uscc = h.uscc AND e.period = h.period
