-- Monitoring rows that were not loaded (or loaded once from a repeat) and indicator links that
-- were not made, with file, row and reason: what the strategy unit fixes in its files.
with

issues as (

    select * from {{ ref('stg_raw__actuals_issues') }}

),

final as (

    select
        source_file,
        source_row,
        document_id,
        indicator_code,
        severity,
        issue_type,
        message,
        raw_text
    from issues

)

select * from final
