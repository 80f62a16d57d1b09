-- Achievement (gerçekleşme oranı, %) of each indicator and year, by the document's method:
--   kilavuz: (C - A) / (B - A) * 100, the strategic planning guide's realisation rate; a decreasing
--            indicator (fleet age 9 -> 7) needs no special case.
--   ratio:   C / B * 100; for a decreasing indicator (target below baseline) B / C * 100.
-- Where no ratio is meaningful the achievement is null and `reason` says why (never 0), checked in
-- this order: no_target_for_year, missing_baseline, target_equals_baseline (direction unknown),
-- non_positive_target (ratio), no_actual, non_positive_actual (ratio, decreasing).
-- Exact at the band edges: A, B and C are read as DECIMAL (the document writes them to a few
-- decimals), the differences and the x 100 are exact, and the quotient (DuckDB divides DECIMALs as
-- DOUBLE) is rounded to 10 decimals, so A=400, B=425, C=428.75 is 115, not 114.99999999999999,
-- and a "% 115 ve üstü" band takes it.
with

inputs as (

    select * from {{ ref('int_achievement_inputs') }}

),

directed as (

    select
        *,
        case
            when baseline_value is null or target_value is null then null
            when target_value < baseline_value then 'decreasing'
            when target_value > baseline_value then 'increasing'
            else 'unchanged'
        end as direction
    from inputs

),

reasoned as (

    select
        *,
        cast(baseline_value as decimal(38, 10)) as baseline_exact,
        cast(target_value as decimal(38, 10)) as target_exact,
        cast(actual_value as decimal(38, 10)) as actual_exact,
        case
            when target_value is null then 'no_target_for_year'
            when baseline_value is null then 'missing_baseline'
            when target_value = baseline_value then 'target_equals_baseline'
            when method = 'ratio' and target_value <= 0 then 'non_positive_target'
            when actual_value is null then 'no_actual'
            when method = 'ratio' and direction = 'decreasing' and actual_value <= 0
                then 'non_positive_actual'
        end as reason
    from directed

),

final as (

    select
        indicator_id,
        document_id,
        indicator_code,
        year,
        baseline_value,
        baseline_year,
        baseline_source,
        target_value,
        actual_value,
        actual_source,
        actual_source_kind,
        actual_candidates,
        method,
        direction,
        case
            when reason is not null then null
            when method = 'kilavuz'
                then round((actual_exact - baseline_exact) * 100 / (target_exact - baseline_exact), 10)
            when direction = 'decreasing' then round(target_exact * 100 / actual_exact, 10)
            else round(actual_exact * 100 / target_exact, 10)
        end as achievement_pct,
        band_scheme,
        reason
    from reasoned

)

select * from final
