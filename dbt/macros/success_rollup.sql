{#-
    Success one level up (target → goal, goal → service area), per document and year: the
    success_band_summary of the parent's indicators, and success_level_pct = the mean of its judged
    children's success levels, each child counting once (warehouse convention: the documents do not
    say how levels roll up). `child_model` is the child's agg_success_by_* mart, `child_key` and
    `parent_key` the columns of int_indicator_success that name child and parent, `children` the
    noun of the counts (`targets` → targets_total, targets_judged). Shared by agg_success_by_goal
    and agg_success_by_service_area.
-#}
{% macro success_rollup(child_model, child_key, parent_key, children) -%}
with

indicator_success as (

    select * from {{ ref('int_indicator_success') }}
    {{ changed_documents_only() }}

),

child_success as (

    select * from {{ ref(child_model) }}
    {{ changed_documents_only() }}

),

child_parents as (

    select distinct
        {{ child_key }},
        {{ parent_key }}
    from indicator_success

),

summary as (

    {{ success_band_summary('indicator_success', [parent_key]) }}

),

levels as (

    select
        child_parents.{{ parent_key }},
        child_success.document_id,
        child_success.year,
        count(*) as {{ children }}_total,
        count(child_success.success_level_pct) as {{ children }}_judged,
        avg(child_success.success_level_pct) as success_level_pct
    from child_success
    inner join child_parents
        on child_success.{{ child_key }} is not distinct from child_parents.{{ child_key }}
    group by child_parents.{{ parent_key }}, child_success.document_id, child_success.year

),

final as (

    select
        summary.document_id,
        summary.year,
        summary.{{ parent_key }},
        summary.indicators_total,
        summary.indicators_judged,
        levels.{{ children }}_total,
        levels.{{ children }}_judged,
        summary.average_score,
        summary.band_distribution,
        levels.success_level_pct
    from summary
    left join levels
        on
            summary.document_id = levels.document_id
            and summary.year = levels.year
            and summary.{{ parent_key }} is not distinct from levels.{{ parent_key }}

)

select * from final
{{ changed_documents_only() }}
{%- endmacro %}
