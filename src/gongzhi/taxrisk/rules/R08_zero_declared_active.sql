-- R08 零申报有经营: zero_declared in a month when kWh > $min_kwh or room_nights > $min_room_nights
-- (same company, same month). One lead per company and month; no tax estimate.
WITH zero AS (
    SELECT uscc, period, _submission_id, _source_row
    FROM declaration
    WHERE zero_declared AND uscc IS NOT NULL AND period IS NOT NULL
),
hits AS (
    SELECT
        z.*,
        e._submission_id AS electricity_submission,
        e._source_row AS electricity_row,
        l._submission_id AS lodging_submission,
        l._source_row AS lodging_row
    FROM zero AS z
    LEFT JOIN electricity AS e ON e.uscc = z.uscc AND e.period = z.period AND e.kwh > $min_kwh
    LEFT JOIN lodging AS l ON l.uscc = z.uscc AND l.period = z.period AND l.room_nights > $min_room_nights
    WHERE e._submission_id IS NOT NULL OR l._submission_id IS NOT NULL
)
SELECT
    'R08' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    period,
    CAST(NULL AS DECIMAL(18, 2)) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    CASE
        WHEN electricity_submission IS NOT NULL AND lodging_submission IS NOT NULL THEN [
            {'dataset': 'declaration', 'submission': _submission_id, 'row': _source_row},
            {'dataset': 'electricity', 'submission': electricity_submission, 'row': electricity_row},
            {'dataset': 'lodging', 'submission': lodging_submission, 'row': lodging_row}
        ]
        WHEN electricity_submission IS NOT NULL THEN [
            {'dataset': 'declaration', 'submission': _submission_id, 'row': _source_row},
            {'dataset': 'electricity', 'submission': electricity_submission, 'row': electricity_row}
        ]
        ELSE [
            {'dataset': 'declaration', 'submission': _submission_id, 'row': _source_row},
            {'dataset': 'lodging', 'submission': lodging_submission, 'row': lodging_row}
        ]
    END AS evidence
FROM hits
