with

source as (

    select * from {{ source('raw', 'pp_activities') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(performance_target_no as integer) as performance_target_no,
        cast(activity_no as integer) as activity_no,
        cast(activity_global_no as integer) as activity_global_no,
        cast(written_no as integer) as written_no,
        cast(activity_name as varchar) as activity_name,
        cast(responsible_unit as varchar) as responsible_unit,
        cast(fiscal_year as integer) as fiscal_year,
        cast(budget_try as double) as budget_try,
        cast(budget_raw as varchar) as budget_raw,
        cast(non_budget_try as double) as non_budget_try,
        cast(non_budget_raw as varchar) as non_budget_raw,
        cast(total_try as double) as total_try,
        cast(total_raw as varchar) as total_raw,
        cast(placement_note as varchar) as placement_note,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
