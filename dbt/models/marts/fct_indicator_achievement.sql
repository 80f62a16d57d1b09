-- Achievement and success band (başarı düzeyi) of every indicator and year. Bands are half-open
-- intervals [lower_bound_pct, upper_bound_pct) of the document's scheme (dim_success_band); an
-- achievement below 0 (the actual moved away from the target) takes the lowest band and is flagged.
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

achievement as (

    select * from {{ ref('int_indicator_achievement') }}

),

success_bands as (

    select * from {{ ref('dim_success_band') }}

),

banded as (

    select
        achievement.*,
        success_bands.band_name as success_band,
        success_bands.band_order,
        success_bands.score
    from achievement
    left join success_bands
        on
            achievement.band_scheme = success_bands.band_scheme
            -- below 0 counts as 0 (lowest band); greatest() would turn a null achievement into 0
            and (case when achievement.achievement_pct < 0 then 0 else achievement.achievement_pct end)
            >= success_bands.lower_bound_pct
            and (
                success_bands.upper_bound_pct is null
                or achievement.achievement_pct < success_bands.upper_bound_pct
            )

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
        achievement_pct,
        band_scheme,
        success_band,
        band_order,
        score,
        coalesce(achievement_pct < 0, false) as is_below_zero,
        achievement_pct is not null as is_judged,
        reason
    from banded

)

select * from final
{{ changed_documents_only() }}
