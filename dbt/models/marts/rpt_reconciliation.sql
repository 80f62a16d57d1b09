-- Document consistency findings: expected (what the document states) vs actual (what the
-- warehouse computes or finds). difference = actual - expected. status: ok | rounding | mismatch.
with

checks as (

    select * from {{ ref('int_reconciliation_checks') }}

),

final as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        actual - expected as difference,
        {{ reconciliation_status('expected', 'actual', 'tolerance') }} as status
    from checks

)

select * from final
order by document_id, check_name, subject
