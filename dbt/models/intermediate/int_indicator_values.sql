-- Every indicator value (baseline, target, actual, estimate) with the year it applies to.
-- Convention: a baseline whose column header names no year (Kocaeli's "Şimdiki Değeri") is
-- dated to the year before the plan period, period_start_year - 1 (Kocaeli: 2019, the plan is
-- dated October 2019 and covers 2020-2024); `is_year_derived` marks such rows.
-- Extension point: the performance programme's values go in `unioned`.
with

sp_indicator_values as (

    select * from {{ ref('stg_raw__sp_indicator_values') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

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
        sp_indicator_values.column_header,
        sp_indicator_values.source_line
    from sp_indicator_values
    left join documents
        on sp_indicator_values.document_id = documents.document_id

),

unioned as (

    select * from strategic_plan_values

)

select * from unioned
