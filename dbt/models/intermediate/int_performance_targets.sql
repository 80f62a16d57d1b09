-- Performance targets (performans hedefleri) of performance programmes with their stable ids
-- (`<document_id>:PH<n>`) and the strategic goal and target each table cites. The citation is
-- kept as written: target_id is the cited code, cited_target_text_matches_target_id the 2.2.2
-- target whose text the cited text matches (they differ when the document cites the wrong number,
-- e.g. Kayseri 2024's performance target 3 cites 1.2 with the text of 1.3).
with

performance_targets as (

    select * from {{ ref('stg_raw__pp_performance_targets') }}

),

final as (

    select
        {{ make_id('document_id', "'PH' || performance_target_no") }} as performance_target_id,
        document_id,
        performance_target_no,
        performance_target_text,
        {{ make_id('document_id', 'cast(goal_no as varchar)') }} as goal_id,
        {{ make_id('document_id', 'target_code') }} as target_id,
        target_code,
        target_text as cited_target_text,
        {{ make_id('document_id', 'target_code_matching_text') }} as cited_target_text_matches_target_id,
        service_area,
        section_code,
        fiscal_year,
        source_line
    from performance_targets

)

select * from final
