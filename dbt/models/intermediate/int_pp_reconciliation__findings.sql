-- Performance programme: every contradiction the parser found inside the document (raw.pp_findings),
-- e.g. a performance target citing strategic target 1.2 with the text of 1.3, an activity 2.6
-- lists twice or omits. Each is a reconciliation row with status `mismatch` (comparison
-- `finding`); expected/actual carry the finding's texts. check_name: `finding_<finding_type>`.
-- Subject: `<table> / PH<n> / activity <n>.<m> (F<global>) / <economic code> / line <n>`, the
-- parts the finding has.
with

findings as (

    select * from {{ ref('stg_raw__pp_findings') }}

),

final as (

    select
        document_id,
        'finding_' || finding_type as check_name,
        concat_ws(
            ' / ',
            table_name,
            'PH' || performance_target_no,
            'activity ' || performance_target_no || '.' || activity_no,
            'F' || activity_global_no,
            economic_code,
            'line ' || source_line
        ) as subject,
        cast(null as double) as expected,
        cast(null as double) as actual,
        cast(0 as double) as tolerance,
        'finding' as comparison,
        expected as expected_text,
        found as actual_text,
        message as detail,
        source_line
    from findings

)

select * from final
