-- Budget per service area (hizmet alanı), document and year, from fct_budget.
--   Strategic plan: section-7 target rows via their goal's service area (dim_goal).
--   Performance programme: activity rows via their performance target's service area
--     (dim_performance_target, the heading of the section holding its table, verbatim).
--   Rows without a service area are kept as their own rows, labelled with the document's own term
--   for them: `Genel Yönetim Giderleri` (general administration) and `Diğer İdarelere Transfer
--   Edilecek Kaynaklar` (transfers), so the shares add up to 100 %; they are no service area, and
--   is_service_area says so (a question about service areas filters on it).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

budget as (

    select * from {{ ref('fct_budget') }}

),

goals as (

    select * from {{ ref('dim_goal') }}

),

activities as (

    select * from {{ ref('dim_activity') }}

),

performance_targets as (

    select * from {{ ref('dim_performance_target') }}

),

with_service_area as (

    select
        budget.document_id,
        budget.year,
        case budget.grain
            when 'target' then goals.service_area
            when 'activity' then performance_targets.service_area
            when 'general_administration' then 'Genel Yönetim Giderleri'
            when 'transfers' then 'Diğer İdarelere Transfer Edilecek Kaynaklar'
        end as service_area,
        budget.grain in ('target', 'activity') as is_service_area,
        budget.amount_try
    from budget
    left join goals
        on budget.goal_id = goals.goal_id
    left join activities
        on budget.activity_id = activities.activity_id
    left join performance_targets
        on activities.performance_target_id = performance_targets.performance_target_id

),

by_service_area as (

    select
        document_id,
        year,
        service_area,
        is_service_area,
        {{ money('coalesce(sum(amount_try), 0)') }} as total_try
    from with_service_area
    group by document_id, year, service_area, is_service_area

),

final as (

    select
        document_id,
        year,
        service_area,
        is_service_area,
        total_try,
        100 * total_try / nullif(sum(total_try) over (partition by document_id, year), 0) as share_pct
    from by_service_area

)

select * from final
{{ changed_documents_only() }}
order by document_id, year, service_area
