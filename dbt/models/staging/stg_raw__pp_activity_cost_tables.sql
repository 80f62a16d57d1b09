with

source as (

    select * from {{ source('raw', 'pp_activity_cost_tables') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(performance_target_no as integer) as performance_target_no,
        cast(activity_no as integer) as activity_no,
        cast(activity_global_no as integer) as activity_global_no,
        cast(performance_target_text as varchar) as performance_target_text,
        cast(activity_name as varchar) as activity_name,
        cast(responsible_unit as varchar) as responsible_unit,
        cast(explanation as varchar) as explanation,
        cast(fiscal_year as integer) as fiscal_year,
        cast(budget_allocation_try as double) as budget_allocation_try,
        cast(budget_allocation_raw as varchar) as budget_allocation_raw,
        cast(revolving_fund_try as double) as revolving_fund_try,
        cast(revolving_fund_raw as varchar) as revolving_fund_raw,
        cast(other_domestic_try as double) as other_domestic_try,
        cast(other_domestic_raw as varchar) as other_domestic_raw,
        cast(foreign_try as double) as foreign_try,
        cast(foreign_raw as varchar) as foreign_raw,
        cast(total_try as double) as total_try,
        cast(total_raw as varchar) as total_raw,
        cast(placement_note as varchar) as placement_note,
        cast(total_source_line as bigint) as total_source_line,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
