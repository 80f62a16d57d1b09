-- Every indicator value (baseline, target, actual, estimate) with the year it applies to.
-- Convention: a baseline whose column header names no year (Kocaeli's "Şimdiki Değeri") is
-- dated to the year before the plan period, period_start_year - 1 (Kocaeli: 2019, the plan is
-- dated October 2019 and covers 2020-2024); `is_year_derived` marks such rows.
-- Performance programme: one row per value cell (`2022 Gerçekleşen` actual, `2023 Tahmin`
-- estimate, `2024 Hedef` target), the year from the header; value_note says why a value is null
-- or how it was read (null for strategic plans).
with

sp_indicator_values as (

    select * from {{ ref('stg_raw__sp_indicator_values') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

pp_indicator_values as (

    select * from {{ ref('stg_raw__pp_indicator_values') }}

),

strategic_plan_values as (

    select
        {{ make_id('sp_indicator_values.document_id', 'sp_indicator_values.indicator_code') }}
            as indicator_id,
        sp_indicator_values.document_id,
        sp_indicator_values.indicator_code,
        sp_indicator_values.value_type,
        case
            when sp_indicator_values.value_type = 'baseline'
                then coalesce(sp_indicator_values.year, documents.period_start_year - 1)
            else sp_indicator_values.year
        end as year,
        (
            sp_indicator_values.value_type = 'baseline'
            and sp_indicator_values.year is null
        ) as is_year_derived,
        sp_indicator_values.value,
        sp_indicator_values.value_raw,
        cast(null as varchar) as value_note,
        sp_indicator_values.column_header,
        sp_indicator_values.source_line
    from sp_indicator_values
    left join documents
        on sp_indicator_values.document_id = documents.document_id

),

performance_programme_values as (

    select
        {{ make_id('document_id', "'PH' || performance_target_no || '.' || indicator_no") }}
            as indicator_id,
        document_id,
        'PH' || performance_target_no || '.' || indicator_no as indicator_code,
        value_type,
        year,
        false as is_year_derived,
        value,
        value_raw,
        value_note,
        column_header,
        source_line
    from pp_indicator_values

),

unioned as (

    select * from strategic_plan_values
    union all
    select * from performance_programme_values

)

select * from unioned
