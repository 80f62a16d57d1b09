-- Document consistency findings: expected (what the document states) vs actual (what the
-- warehouse computes or finds). difference = actual - expected. status: ok | rounding | mismatch.
-- Text comparisons are ok when the two texts are equal; the parser's findings are always mismatches.
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

checks as (

    {{ with_page_number(ref('int_reconciliation_checks')) }}

),

final as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        actual - expected as difference,
        case comparison
            when 'finding' then 'mismatch'
            when 'text'
                then
                    case when expected_text = actual_text then 'ok' else 'mismatch' end
            else {{ reconciliation_status('expected', 'actual', 'tolerance') }}
        end as status,
        comparison,
        expected_text,
        actual_text,
        detail,
        source_line,
        page_number
    from checks

)

select * from final
{{ changed_documents_only() }}
order by document_id, check_name, subject
