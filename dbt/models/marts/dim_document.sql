with

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

final as (

    select
        document_id,
        administration,
        document_type,
        period_start_year,
        period_end_year,
        fiscal_year,
        source_file,
        source_sha256,
        detected_from
    from documents

)

select * from final
