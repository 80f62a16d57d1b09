with

extraction_issues as (

    select * from {{ ref('stg_raw__extraction_issues') }}

),

final as (

    select
        document_id,
        source_line,
        table_name,
        severity,
        message,
        raw_text
    from extraction_issues

)

select * from final
order by document_id, source_line, table_name
