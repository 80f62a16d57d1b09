-- Strategic plan: counts the "Bir Bakışta" table declares vs what the cards hold.
-- Per goal (targets, activities, indicators) and for the plan (goals, targets, activities,
-- indicators, service areas, transformation areas). Counts have tolerance 0.
-- Only documents that declare counts are checked.
with

declared_counts as (

    select * from {{ ref('stg_raw__sp_declared_counts') }}

),

sp_goals as (

    select * from {{ ref('stg_raw__sp_goals') }}

),

sp_targets as (

    select * from {{ ref('stg_raw__sp_targets') }}

),

sp_activities as (

    select * from {{ ref('stg_raw__sp_activities') }}

),

sp_indicators as (

    select * from {{ ref('stg_raw__sp_indicators') }}

),

declaring_documents as (

    select distinct document_id from declared_counts

),

goal_items as (

    select
        sp_goals.document_id,
        sp_goals.goal_code,
        items.counted_item
    from sp_goals
    inner join declaring_documents
        on sp_goals.document_id = declaring_documents.document_id
    cross join (
        values ('targets'), ('activities'), ('indicators')
    ) as items (counted_item)

),

targets_per_goal as (

    select
        document_id,
        goal_code,
        'targets' as counted_item,
        count(*) as found_count
    from sp_targets
    group by document_id, goal_code

),

activities_per_goal as (

    select
        sp_activities.document_id,
        sp_targets.goal_code,
        'activities' as counted_item,
        count(*) as found_count
    from sp_activities
    inner join sp_targets
        on
            sp_activities.document_id = sp_targets.document_id
            and sp_activities.target_code = sp_targets.target_code
    group by sp_activities.document_id, sp_targets.goal_code

),

indicators_per_goal as (

    select
        sp_indicators.document_id,
        sp_targets.goal_code,
        'indicators' as counted_item,
        count(*) as found_count
    from sp_indicators
    inner join sp_targets
        on
            sp_indicators.document_id = sp_targets.document_id
            and sp_indicators.target_code = sp_targets.target_code
    group by sp_indicators.document_id, sp_targets.goal_code

),

found_per_goal as (

    select * from targets_per_goal
    union all
    select * from activities_per_goal
    union all
    select * from indicators_per_goal

),

found_goal_counts as (

    select
        goal_items.document_id,
        goal_items.goal_code,
        goal_items.counted_item,
        coalesce(found_per_goal.found_count, 0) as found_count
    from goal_items
    left join found_per_goal
        on
            goal_items.document_id = found_per_goal.document_id
            and goal_items.goal_code = found_per_goal.goal_code
            and goal_items.counted_item = found_per_goal.counted_item

),

declared_goal_counts as (

    select
        document_id,
        goal_code,
        counted_item,
        declared_count
    from declared_counts
    where count_scope = 'goal'

),

goal_checks as (

    select
        coalesce(declared_goal_counts.document_id, found_goal_counts.document_id)
            as document_id,
        'declared_vs_found_' || coalesce(
            declared_goal_counts.counted_item, found_goal_counts.counted_item
        ) as check_name,
        coalesce(declared_goal_counts.goal_code, found_goal_counts.goal_code) as subject,
        cast(declared_goal_counts.declared_count as double) as expected,
        cast(found_goal_counts.found_count as double) as actual
    from declared_goal_counts
    full outer join found_goal_counts
        on
            declared_goal_counts.document_id = found_goal_counts.document_id
            and declared_goal_counts.goal_code = found_goal_counts.goal_code
            and declared_goal_counts.counted_item = found_goal_counts.counted_item

),

plan_items_found as (

    select
        document_id,
        'goals' as counted_item,
        count(*) as found_count
    from sp_goals
    group by document_id
    union all
    select
        document_id,
        'targets' as counted_item,
        count(*) as found_count
    from sp_targets
    group by document_id
    union all
    select
        document_id,
        'activities' as counted_item,
        count(*) as found_count
    from sp_activities
    group by document_id
    union all
    select
        document_id,
        'indicators' as counted_item,
        count(*) as found_count
    from sp_indicators
    group by document_id
    union all
    select
        document_id,
        'service_areas' as counted_item,
        count(distinct {{ turkish_fold('service_area') }}) as found_count
    from sp_goals
    group by document_id
    union all
    select
        document_id,
        'transformation_areas' as counted_item,
        count(distinct {{ turkish_fold('transformation_area') }}) as found_count
    from sp_goals
    group by document_id

),

found_plan_counts as (

    select
        declaring_documents.document_id,
        items.counted_item,
        coalesce(plan_items_found.found_count, 0) as found_count
    from declaring_documents
    cross join (
        values
        ('transformation_areas'),
        ('service_areas'),
        ('goals'),
        ('targets'),
        ('activities'),
        ('indicators')
    ) as items (counted_item)
    left join plan_items_found
        on
            declaring_documents.document_id = plan_items_found.document_id
            and items.counted_item = plan_items_found.counted_item

),

declared_plan_counts as (

    select
        document_id,
        counted_item,
        declared_count
    from declared_counts
    where count_scope = 'plan'

),

plan_checks as (

    select
        coalesce(declared_plan_counts.document_id, found_plan_counts.document_id)
            as document_id,
        'declared_vs_found_' || coalesce(
            declared_plan_counts.counted_item, found_plan_counts.counted_item
        ) as check_name,
        'plan' as subject,
        cast(declared_plan_counts.declared_count as double) as expected,
        cast(found_plan_counts.found_count as double) as actual
    from declared_plan_counts
    full outer join found_plan_counts
        on
            declared_plan_counts.document_id = found_plan_counts.document_id
            and declared_plan_counts.counted_item = found_plan_counts.counted_item

),

final as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        cast(0 as double) as tolerance
    from goal_checks
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        cast(0 as double) as tolerance
    from plan_checks

)

select * from final
