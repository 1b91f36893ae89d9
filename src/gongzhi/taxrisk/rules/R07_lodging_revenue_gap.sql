-- R07 住宿收入背离: in a month, room_nights x avg_price exceeds the declared revenue of the
-- same month by more than $excess_ratio (no declaration = 0 declared). One lead per company and month.
WITH stays AS (
    SELECT
        uscc,
        period,
        CAST(room_nights AS DECIMAL(18, 0)) * avg_price AS lodging_revenue,
        _submission_id,
        _source_row
    FROM lodging
    WHERE uscc IS NOT NULL AND period IS NOT NULL
),
hits AS (
    SELECT
        s.*,
        coalesce(d.revenue, CAST(0 AS DECIMAL(18, 2))) AS declared,
        d._submission_id AS declaration_submission,
        d._source_row AS declaration_row
    FROM stays AS s
    LEFT JOIN declaration AS d ON d.uscc = s.uscc AND d.period = s.period
    WHERE s.lodging_revenue > coalesce(d.revenue, CAST(0 AS DECIMAL(18, 2))) * (1 + $excess_ratio)
)
SELECT
    'R07' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    period,
    CAST(round((lodging_revenue - declared) * $tax_rate, 2) AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    CASE
        WHEN declaration_submission IS NULL
            THEN [{'dataset': 'lodging', 'submission': _submission_id, 'row': _source_row}]
        ELSE [
            {'dataset': 'lodging', 'submission': _submission_id, 'row': _source_row},
            {'dataset': 'declaration', 'submission': declaration_submission, 'row': declaration_row}
        ]
    END AS evidence
FROM hits
