with

source as (

    select * from {{ source('raw', 'sp_targets') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(target_code as varchar) as target_code,
        cast(target_text as varchar) as target_text,
        cast(goal_code as varchar) as goal_code,
        cast(responsible_units as varchar[]) as responsible_units,
        cast(responsible_units_raw as varchar) as responsible_units_raw,
        cast(responsible_units_source_line as bigint) as responsible_units_source_line,
        cast(cost_estimate_try as double) as cost_estimate_try,
        cast(cost_estimate_raw as varchar) as cost_estimate_raw,
        cast(cost_estimate_source_line as bigint) as cost_estimate_source_line,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
