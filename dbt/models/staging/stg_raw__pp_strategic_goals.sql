with

source as (

    select * from {{ source('raw', 'pp_strategic_goals') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(goal_no as integer) as goal_no,
        cast(goal_text as varchar) as goal_text,
        cast(service_area as varchar) as service_area,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
