with

source as (

    select * from {{ source('raw', 'sp_goals') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(goal_code as varchar) as goal_code,
        cast(goal_text as varchar) as goal_text,
        cast(service_area as varchar) as service_area,
        cast(service_area_heading as varchar) as service_area_heading,
        cast(transformation_area as varchar) as transformation_area,
        cast(transformation_area_heading as varchar) as transformation_area_heading,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
