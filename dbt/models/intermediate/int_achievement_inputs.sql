-- One row per indicator and year to judge, with A (baseline), B (target of that year), C (actual),
-- the method and the band scheme of the document (seeds/achievement_methods.csv, else the vars).
-- Years: every year of the document's period, plus any year with an actual (a programme's
-- `2022 Gerçekleşen` is its indicator's 2022 actual; with no 2022 target it is shown, not judged).
-- A target is never invented: a year without a target in the document has target_value null.
-- Baseline: the document's baseline value. Warehouse convention for documents without a baseline
-- column (performance programmes): the latest actual, else estimate, of an earlier year in the same
-- document (Kayseri 2024: the `2023 Tahmin`); baseline_source says which.
with

indicators as (

    select * from {{ ref('int_indicators') }}

),

indicator_values as (

    select * from {{ ref('int_indicator_values') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

actuals as (

    select * from {{ ref('int_indicator_actuals') }}

),

methods as (

    select * from {{ ref('achievement_methods') }}

),

plan_years as (

    select
        documents.document_id,
        -- generate_series gives BIGINT; a year is INTEGER in every mart
        cast(plan_year.year as integer) as year
    from documents
    cross join generate_series(documents.period_start_year, documents.period_end_year) as plan_year (year)

),

indicator_years as (

    select
        indicators.indicator_id,
        plan_years.year
    from indicators
    inner join plan_years
        on indicators.document_id = plan_years.document_id
    union
    select
        indicator_id,
        year
    from actuals

),

baselines as (

    select
        indicator_id,
        year as baseline_year,
        value as baseline_value
    from indicator_values
    where value_type = 'baseline'

),

targets as (

    select
        indicator_id,
        year,
        value as target_value
    from indicator_values
    where value_type = 'target'

),

earlier_values as (

    select
        indicator_years.indicator_id,
        indicator_years.year,
        indicator_values.value,
        indicator_values.year as value_year,
        'previous_' || indicator_values.value_type as value_source,
        row_number() over (
            partition by indicator_years.indicator_id, indicator_years.year
            order by indicator_values.year desc, indicator_values.value_type asc
        ) as recency
    from indicator_years
    inner join indicator_values
        on
            indicator_years.indicator_id = indicator_values.indicator_id
            and indicator_values.value_type in ('actual', 'estimate')
            and indicator_values.value is not null
            and indicator_years.year > indicator_values.year

),

final as (

    select
        indicator_years.indicator_id,
        indicators.document_id,
        indicators.indicator_code,
        indicator_years.year,
        case
            when baselines.indicator_id is not null then baselines.baseline_value
            else earlier_values.value
        end as baseline_value,
        case
            when baselines.indicator_id is not null then baselines.baseline_year
            else earlier_values.value_year
        end as baseline_year,
        case
            when baselines.indicator_id is not null then 'baseline'
            else earlier_values.value_source
        end as baseline_source,
        targets.target_value,
        actuals.actual_value,
        actuals.actual_source,
        actuals.actual_source_kind,
        coalesce(actuals.actual_candidates, 0) as actual_candidates,
        coalesce(methods.achievement_method, '{{ var("default_achievement_method") }}') as method,
        coalesce(methods.band_scheme, '{{ var("default_success_band_scheme") }}') as band_scheme
    from indicator_years
    inner join indicators
        on indicator_years.indicator_id = indicators.indicator_id
    left join baselines
        on indicator_years.indicator_id = baselines.indicator_id
    left join earlier_values
        on
            indicator_years.indicator_id = earlier_values.indicator_id
            and indicator_years.year = earlier_values.year
            and earlier_values.recency = 1
    left join targets
        on indicator_years.indicator_id = targets.indicator_id and indicator_years.year = targets.year
    left join actuals
        on indicator_years.indicator_id = actuals.indicator_id and indicator_years.year = actuals.year
    left join methods
        on indicators.document_id = methods.document_id

)

select * from final
