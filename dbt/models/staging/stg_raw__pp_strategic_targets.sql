with

source as (

    select * from {{ source('raw', 'pp_strategic_targets') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(target_code as varchar) as target_code,
        cast(goal_no as integer) as goal_no,
        cast(target_no as integer) as target_no,
        cast(target_text as varchar) as target_text,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
