with

source as (

    select * from {{ source('raw', 'pp_resource_needs') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(funding_group as varchar) as funding_group,
        cast(row_kind as varchar) as row_kind,
        cast(economic_code as varchar) as economic_code,
        cast(label as varchar) as row_label,
        cast(activity_try as double) as activity_try,
        cast(activity_raw as varchar) as activity_raw,
        cast(general_administration_try as double) as general_administration_try,
        cast(general_administration_raw as varchar) as general_administration_raw,
        cast(transfers_try as double) as transfers_try,
        cast(transfers_raw as varchar) as transfers_raw,
        cast(total_try as double) as total_try,
        cast(total_raw as varchar) as total_raw,
        cast(placement_note as varchar) as placement_note,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
