-- What the analyst is looking at: when this warehouse was built and from which files, and how:
-- the hash of the dbt project that built the marts (Dagster passes it; a refresh whose project
-- differs rebuilds every mart in full) and whether this build was full or incremental.

with

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

final as (

    select
        cast('{{ run_started_at }}' as timestamp) as built_at,
        '{{ invocation_id }}' as dbt_invocation_id,
        '{{ var("dbt_project_hash", "") }}' as dbt_project_hash,
        '{{ "full" if should_full_refresh() else "incremental" }}' as dbt_build_mode,
        document_id,
        document_type,
        source_file,
        source_sha256,
        size_bytes,
        line_count
    from documents

)

select * from final
