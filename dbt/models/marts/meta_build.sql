-- What the analyst is looking at: when this warehouse was built and from which files.

with

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

final as (

    select
        cast('{{ run_started_at }}' as timestamp) as built_at,
        '{{ invocation_id }}' as dbt_invocation_id,
        document_id,
        document_type,
        source_file,
        source_sha256,
        size_bytes,
        line_count
    from documents

)

select * from final
