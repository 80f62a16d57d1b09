with

source as (

    select * from {{ source('raw', 'pp_responsibilities') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(performance_target_no as integer) as performance_target_no,
        cast(performance_target_text as varchar) as performance_target_text,
        cast(activity_no as integer) as activity_no,
        cast(activity_global_no as integer) as activity_global_no,
        cast(activity_name as varchar) as activity_name,
        cast(name_match_score as double) as name_match_score,
        cast(responsible_unit as varchar) as responsible_unit,
        cast(unit_carried_down as boolean) as unit_carried_down,
        cast(packed_cell as boolean) as packed_cell,
        cast(cell_part as integer) as cell_part,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
