with

source as (

    select * from {{ source('raw', 'pp_performance_targets') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(performance_target_no as integer) as performance_target_no,
        cast(performance_target_text as varchar) as performance_target_text,
        cast(section_code as varchar) as section_code,
        cast(service_area as varchar) as service_area,
        cast(goal_no as integer) as goal_no,
        cast(goal_text as varchar) as goal_text,
        cast(target_code as varchar) as target_code,
        cast(target_text as varchar) as target_text,
        cast(target_code_matching_text as varchar) as target_code_matching_text,
        cast(explanation as varchar) as explanation,
        cast(fiscal_year as integer) as fiscal_year,
        cast(activity_count as integer) as activity_count,
        cast(indicator_count as integer) as indicator_count,
        cast(budget_try as double) as budget_try,
        cast(budget_raw as varchar) as budget_raw,
        cast(non_budget_try as double) as non_budget_try,
        cast(non_budget_raw as varchar) as non_budget_raw,
        cast(total_try as double) as total_try,
        cast(total_raw as varchar) as total_raw,
        cast(total_source_line as bigint) as total_source_line,
        cast(table_source_line as bigint) as table_source_line,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
