-- R06 用电与收入背离: in a month, a company's revenue per kWh is below $ratio_floor of the
-- median of its industry (industries with at least $min_companies such companies that month)
-- and its kWh is above $min_kwh. One lead per company and month.
--
-- Exact on every engine: the ratio is an integer (revenue per kWh x 10^12, truncated,
-- computed by integer division); the median is kept doubled (the sum of the two middle
-- values, or twice the middle one), so comparisons and the tax are exact decimals.
-- On Spark, list_extract becomes ELEMENT_AT (both 1-based), see sqlcheck.to_spark.
WITH pairs AS (
    SELECT
        *,
        -- revenue / kWh = (revenue_cents / 100) / (kwh_units / 10000); x 10^12 below.
        -- Capped at 4 x 10^18 (4,000,000 yuan per kWh) so that two of them fit a BIGINT.
        CASE
            WHEN revenue_cents >= kwh_units * 40000 THEN CAST(4000000000000000000 AS BIGINT)
            ELSE CAST(revenue_cents * 100000000000000 // kwh_units AS BIGINT)
        END AS ratio_e12
    FROM (
        SELECT
            d.uscc,
            d.period,
            t.industry_code,
            d.revenue,
            e.kwh,
            CAST(d.revenue * 100 AS HUGEINT) AS revenue_cents,
            CAST(e.kwh * 10000 AS HUGEINT) AS kwh_units,
            d._submission_id AS declaration_submission,
            d._source_row AS declaration_row,
            e._submission_id AS electricity_submission,
            e._source_row AS electricity_row
        FROM declaration AS d
        JOIN electricity AS e ON e.uscc = d.uscc AND e.period = d.period
        JOIN taxpayer AS t ON t.uscc = d.uscc
        WHERE d.revenue IS NOT NULL AND e.kwh > 0 AND t.industry_code IS NOT NULL
    ) AS joined
),
medians AS (
    -- the exact median, doubled: the sum of the two middle values of the sorted ratios (the
    -- middle value twice when the count is odd); lists are 1-based
    SELECT
        industry_code,
        period,
        list_extract(sorted, CAST((companies + 1) // 2 AS INTEGER))
        + list_extract(sorted, CAST((companies + 2) // 2 AS INTEGER)) AS median_x2
    FROM (
        SELECT industry_code, period, count(*) AS companies, list_sort(list(ratio_e12)) AS sorted
        FROM pairs
        GROUP BY industry_code, period
        HAVING count(*) >= $min_companies
    ) AS groups
),
hits AS (
    SELECT r.*, m.median_x2
    FROM pairs AS r
    JOIN medians AS m ON m.industry_code = r.industry_code AND m.period = r.period
    WHERE
        r.kwh > $min_kwh
        -- ratio < floor x median  <=>  2 x ratio < floor x (2 x median)
        AND CAST(r.ratio_e12 AS DECIMAL(20, 0)) * 2 < $ratio_floor * CAST(m.median_x2 AS DECIMAL(20, 0))
)
SELECT
    'R06' AS rule,
    uscc,
    CAST(NULL AS VARCHAR) AS person,
    period,
    -- (median x kWh - revenue) x rate; median = median_x2 / (2 x 10^12) = median_x2 x 5e-13
    CAST(
        round(
            (
                CAST(median_x2 AS DECIMAL(20, 0)) * kwh * CAST('0.0000000000005' AS DECIMAL(13, 13))
                - revenue
            )
            * $tax_rate,
            2
        ) AS DECIMAL(18, 2)
    ) AS tax_at_risk,
    CAST(NULL AS DECIMAL(18, 2)) AS amount,
    [
        {'dataset': 'declaration', 'submission': declaration_submission, 'row': declaration_row},
        {'dataset': 'electricity', 'submission': electricity_submission, 'row': electricity_row}
    ] AS evidence
FROM hits
