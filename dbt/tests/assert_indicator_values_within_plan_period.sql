-- Document finding: target values should fall inside the document's plan period (baselines lie
-- before it); actual and estimate values (a performance programme's `2022 Gerçekleşen`, `2023
-- Tahmin`) lie before or inside it, never after. Warns, never fails.
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'fct_indicator_value'}}}) }}

with

indicator_values as (

    select * from {{ ref('fct_indicator_value') }}

),

documents as (

    select * from {{ ref('dim_document') }}

)

select
    indicator_values.indicator_id,
    indicator_values.value_type,
    indicator_values.year,
    documents.period_start_year,
    documents.period_end_year
from indicator_values
inner join documents
    on indicator_values.document_id = documents.document_id
where
    documents.period_start_year is not null
    and (
        (
            indicator_values.value_type = 'target'
            and indicator_values.year not between documents.period_start_year
            and documents.period_end_year
        )
        or (
            indicator_values.value_type in ('actual', 'estimate')
            and indicator_values.year > documents.period_end_year
        )
    )
