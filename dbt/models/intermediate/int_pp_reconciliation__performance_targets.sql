-- Performance programme: each performance target's amounts and its strategic citation.
--   performance_target_vs_sum_of_activities         Genel Toplam of its PERFORMANS HEDEFİ TABLOSU
--                                                    vs the sum of its activity rows
--   performance_target_vs_section_2_4               its row in 2.4 vs that Genel Toplam
--   performance_target_vs_section_2_4_budget,       the same for the Bütçe and Bütçe Dışı parts
--   performance_target_vs_section_2_4_non_budget
--   section_2_4_performance_target_vs_sum_of_activities  2.4's target row vs 2.4's activity rows
--   ..._vs_sum_of_activities_budget, ..._non_budget  the two sums for the Bütçe and Bütçe Dışı parts,
--                                                    where the target row and every activity state it
--   strategic_target_reference_vs_section_2_2_2     (text) the cited target code vs the 2.2.2
--                                                    target whose text the cited text matches
--   strategic_goal_reference_vs_section_2_2_2       (text) the cited goal vs the goal 2.2.2 puts
--                                                    the cited target under
-- Amounts to the kuruş (tolerance 0). Subject: `PH<n>`.
with

performance_targets as (

    select * from {{ ref('stg_raw__pp_performance_targets') }}

),

activities as (

    select * from {{ ref('stg_raw__pp_activities') }}

),

administration_performance as (

    select * from {{ ref('stg_raw__pp_administration_performance') }}

),

strategic_targets as (

    select * from {{ ref('stg_raw__pp_strategic_targets') }}

),

activity_sums as (

    select
        document_id,
        performance_target_no,
        sum(total_try) as total_try,
        {{ sum_when_all_known('budget_try') }} as budget_try,
        {{ sum_when_all_known('non_budget_try') }} as non_budget_try
    from activities
    group by document_id, performance_target_no

),

section_2_4_targets as (

    select * from administration_performance
    where row_kind = 'performance_target'

),

section_2_4_activity_sums as (

    select
        document_id,
        performance_target_no,
        sum(total_try) as total_try,
        {{ sum_when_all_known('budget_try') }} as budget_try,
        {{ sum_when_all_known('non_budget_try') }} as non_budget_try
    from administration_performance
    where row_kind = 'activity'
    group by document_id, performance_target_no

),

activity_sum_checks as (

    select
        performance_targets.document_id,
        'performance_target_vs_sum_of_activities' as check_name,
        'PH' || performance_targets.performance_target_no as subject,
        performance_targets.total_try as expected,
        activity_sums.total_try as actual,
        performance_targets.total_source_line as source_line
    from performance_targets
    left join activity_sums
        on
            performance_targets.document_id = activity_sums.document_id
            and performance_targets.performance_target_no = activity_sums.performance_target_no

),

section_2_4_checks as (

    select
        coalesce(section_2_4_targets.document_id, performance_targets.document_id) as document_id,
        'performance_target_vs_section_2_4' as check_name,
        'PH' || coalesce(
            section_2_4_targets.performance_target_no, performance_targets.performance_target_no
        ) as subject,
        section_2_4_targets.total_try as expected,
        performance_targets.total_try as actual,
        section_2_4_targets.source_line
    from section_2_4_targets
    full outer join performance_targets
        on
            section_2_4_targets.document_id = performance_targets.document_id
            and section_2_4_targets.performance_target_no = performance_targets.performance_target_no

),

section_2_4_split_checks as (

    select
        section_2_4_targets.document_id,
        'performance_target_vs_section_2_4_' || parts.part as check_name,
        'PH' || section_2_4_targets.performance_target_no as subject,
        case parts.part
            when 'budget' then section_2_4_targets.budget_try
            else section_2_4_targets.non_budget_try
        end as expected,
        case parts.part
            when 'budget' then performance_targets.budget_try
            else performance_targets.non_budget_try
        end as actual,
        section_2_4_targets.source_line
    from section_2_4_targets
    inner join performance_targets
        on
            section_2_4_targets.document_id = performance_targets.document_id
            and section_2_4_targets.performance_target_no = performance_targets.performance_target_no
    cross join (values ('budget'), ('non_budget')) as parts (part)

),

section_2_4_sum_checks as (

    select
        section_2_4_targets.document_id,
        'section_2_4_performance_target_vs_sum_of_activities' as check_name,
        'PH' || section_2_4_targets.performance_target_no as subject,
        section_2_4_targets.total_try as expected,
        section_2_4_activity_sums.total_try as actual,
        section_2_4_targets.source_line
    from section_2_4_targets
    left join section_2_4_activity_sums
        on
            section_2_4_targets.document_id = section_2_4_activity_sums.document_id
            and section_2_4_targets.performance_target_no
            = section_2_4_activity_sums.performance_target_no

),

-- the sums' Bütçe and Bütçe Dışı parts, of the target's PERFORMANS HEDEFİ TABLOSU and of 2.4
sum_split_checks as (

    select
        performance_targets.document_id,
        'performance_target_vs_sum_of_activities_' || parts.part as check_name,
        'PH' || performance_targets.performance_target_no as subject,
        case parts.part
            when 'budget' then performance_targets.budget_try
            else performance_targets.non_budget_try
        end as expected,
        case parts.part when 'budget' then activity_sums.budget_try else activity_sums.non_budget_try end
            as actual,
        performance_targets.total_source_line as source_line
    from performance_targets
    inner join activity_sums
        on
            performance_targets.document_id = activity_sums.document_id
            and performance_targets.performance_target_no = activity_sums.performance_target_no
    cross join (values ('budget'), ('non_budget')) as parts (part)
    union all
    select
        section_2_4_targets.document_id,
        'section_2_4_performance_target_vs_sum_of_activities_' || parts.part as check_name,
        'PH' || section_2_4_targets.performance_target_no as subject,
        case parts.part
            when 'budget' then section_2_4_targets.budget_try
            else section_2_4_targets.non_budget_try
        end as expected,
        case parts.part
            when 'budget' then section_2_4_activity_sums.budget_try
            else section_2_4_activity_sums.non_budget_try
        end as actual,
        section_2_4_targets.source_line
    from section_2_4_targets
    inner join section_2_4_activity_sums
        on
            section_2_4_targets.document_id = section_2_4_activity_sums.document_id
            and section_2_4_targets.performance_target_no
            = section_2_4_activity_sums.performance_target_no
    cross join (values ('budget'), ('non_budget')) as parts (part)

),

known_sum_split_checks as (

    select * from sum_split_checks
    where expected is not null and actual is not null

),

amount_checks as (

    select * from activity_sum_checks
    union all
    select * from section_2_4_checks
    union all
    select * from section_2_4_split_checks
    union all
    select * from section_2_4_sum_checks
    union all
    select * from known_sum_split_checks

),

target_reference_checks as (

    select
        document_id,
        'strategic_target_reference_vs_section_2_2_2' as check_name,
        'PH' || performance_target_no as subject,
        target_code as expected_text,
        target_code_matching_text as actual_text,
        'cites ' || coalesce(target_code, '(no code)') || ' with the text of '
        || coalesce(target_code_matching_text, '(no 2.2.2 target)') as detail,
        source_line
    from performance_targets

),

goal_reference_checks as (

    select
        performance_targets.document_id,
        'strategic_goal_reference_vs_section_2_2_2' as check_name,
        'PH' || performance_targets.performance_target_no as subject,
        cast(performance_targets.goal_no as varchar) as expected_text,
        cast(strategic_targets.goal_no as varchar) as actual_text,
        'cites goal ' || coalesce(cast(performance_targets.goal_no as varchar), '(none)')
        || ' and target ' || coalesce(performance_targets.target_code, '(none)') as detail,
        performance_targets.source_line
    from performance_targets
    left join strategic_targets
        on
            performance_targets.document_id = strategic_targets.document_id
            and performance_targets.target_code = strategic_targets.target_code

),

text_checks as (

    select * from target_reference_checks
    union all
    select * from goal_reference_checks

),

final as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        cast(0 as double) as tolerance,
        'number' as comparison,
        cast(null as varchar) as expected_text,
        cast(null as varchar) as actual_text,
        cast(null as varchar) as detail,
        source_line
    from amount_checks
    union all
    select
        document_id,
        check_name,
        subject,
        cast(null as double) as expected,
        cast(null as double) as actual,
        cast(0 as double) as tolerance,
        'text' as comparison,
        expected_text,
        actual_text,
        detail,
        source_line
    from text_checks

)

select * from final
