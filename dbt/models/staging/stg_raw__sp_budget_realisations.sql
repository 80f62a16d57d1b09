with

source as (

    select * from {{ source('raw', 'sp_budget_realisations') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(year as integer) as year,
        cast(is_total as boolean) as is_total,
        cast(revenue_try as double) as revenue_try,
        cast(revenue_raw as varchar) as revenue_raw,
        cast(expenditure_try as double) as expenditure_try,
        cast(expenditure_raw as varchar) as expenditure_raw,
        cast(coverage_pct as double) as coverage_pct,
        cast(coverage_raw as varchar) as coverage_raw,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
