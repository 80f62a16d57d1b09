with

source as (

    select * from {{ source('raw', 'sp_activities') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(activity_code as varchar) as activity_code,
        cast(activity_name as varchar) as activity_name,
        cast(target_code as varchar) as target_code,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
