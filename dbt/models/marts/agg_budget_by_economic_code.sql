-- Section 2.5 "Toplam Kaynak İhtiyacı Tablosu" reproduced from fct_budget: per document, year and
-- economic code the activity, general administration and transfer amounts. Only the grains that
-- carry economic codes (performance programmes); strategic plans give none.
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

budget as (

    select * from {{ ref('fct_budget') }}

),

economic_codes as (

    select * from {{ ref('dim_economic_code') }}

),

by_code as (

    select
        document_id,
        year,
        economic_code,
        {{ money("coalesce(sum(amount_try) filter (where grain = 'activity'), 0)") }} as activity_try,
        {{ money("coalesce(sum(amount_try) filter (where grain = 'general_administration'), 0)") }}
            as general_administration_try,
        {{ money("coalesce(sum(amount_try) filter (where grain = 'transfers'), 0)") }} as transfers_try,
        {{ money('coalesce(sum(amount_try), 0)') }} as total_try
    from budget
    where grain in ('activity', 'general_administration', 'transfers')
    group by document_id, year, economic_code

),

final as (

    select
        by_code.document_id,
        by_code.year,
        by_code.economic_code,
        economic_codes.name_tr as economic_code_name,
        by_code.activity_try,
        by_code.general_administration_try,
        by_code.transfers_try,
        by_code.total_try,
        100 * by_code.total_try
        / nullif(sum(by_code.total_try) over (partition by by_code.document_id, by_code.year), 0)
            as share_pct
    from by_code
    left join economic_codes
        on by_code.economic_code = economic_codes.economic_code

)

select * from final
{{ changed_documents_only() }}
order by document_id, year, economic_code
