with

source as (

    select * from {{ source('raw', 'pp_administration_performance') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(row_kind as varchar) as row_kind,
        cast(performance_target_no as integer) as performance_target_no,
        cast(activity_no as integer) as activity_no,
        cast(activity_global_no as integer) as activity_global_no,
        cast(label as varchar) as row_label,
        cast(budget_try as double) as budget_try,
        cast(budget_raw as varchar) as budget_raw,
        cast(budget_share_pct as double) as budget_share_pct,
        cast(budget_share_raw as varchar) as budget_share_raw,
        cast(non_budget_try as double) as non_budget_try,
        cast(non_budget_raw as varchar) as non_budget_raw,
        cast(non_budget_share_pct as double) as non_budget_share_pct,
        cast(non_budget_share_raw as varchar) as non_budget_share_raw,
        cast(total_try as double) as total_try,
        cast(total_raw as varchar) as total_raw,
        cast(total_share_pct as double) as total_share_pct,
        cast(total_share_raw as varchar) as total_share_raw,
        cast(placement_note as varchar) as placement_note,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
