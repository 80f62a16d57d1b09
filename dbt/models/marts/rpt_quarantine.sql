-- The documents this refresh set aside (karantina): one row per failed check, with the rows and
-- lines that failed and whether the warehouse kept the document's previously published version.
with

quarantined as (

    select * from {{ ref('stg_raw__quarantined_documents') }}

),

final as (

    select
        document_id,
        source_file,
        stage,
        check_name,
        table_name,
        failing_rows,
        source_lines,
        published_version,
        detail
    from quarantined

)

select * from final
order by document_id, stage, check_name
