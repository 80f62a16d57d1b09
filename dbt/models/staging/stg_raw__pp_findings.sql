with

source as (

    select * from {{ source('raw', 'pp_findings') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(finding_type as varchar) as finding_type,
        cast(table_name as varchar) as table_name,
        cast(performance_target_no as integer) as performance_target_no,
        cast(activity_no as integer) as activity_no,
        cast(activity_global_no as integer) as activity_global_no,
        cast(economic_code as varchar) as economic_code,
        cast(expected as varchar) as expected,
        cast(found as varchar) as found,
        cast(message as varchar) as message,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
