-- Performance programme: each activity's amount along the document's chain of tables, to the
-- kuruş (tolerance 0: every amount is written with kuruş and the tables are meant to agree exactly).
--   activity_cost_rows_vs_cost_table_total          economic-code rows vs the cost table's
--                                                    Toplam Kaynak İhtiyacı
--   ..._budget_allocation, ..._revolving_fund,       the same per funding source column, where
--   ..._other_domestic, ..._foreign                  the total and every row state it
--   activity_cost_table_vs_performance_target_table cost table total vs the activity's Toplam in
--                                                    its PERFORMANS HEDEFİ TABLOSU
--   activity_performance_target_table_vs_section_2_4 that amount vs the activity's row in 2.4
--   ..._budget, ..._non_budget                       the same two comparisons for the Bütçe
--                                                    (Bütçe Ödeneği) and Bütçe Dışı (Döner Sermaye
--                                                    + Diğer Yurt İçi + Yurt Dışı) parts
--   activity_listed_in_section_2_6                   2.6 should list every activity once (count;
--                                                    a repeat or an omission says so in `detail`,
--                                                    with its lines: the one home of this rule)
-- Tables are linked by position (performance target + order), as the parser links them.
-- Subject: the activity code `F<global number>`.
with

activities as (

    select * from {{ ref('stg_raw__pp_activities') }}

),

cost_tables as (

    select * from {{ ref('stg_raw__pp_activity_cost_tables') }}

),

activity_costs as (

    select * from {{ ref('stg_raw__pp_activity_costs') }}

),

administration_performance as (

    select * from {{ ref('stg_raw__pp_administration_performance') }}

),

responsibilities as (

    select * from {{ ref('stg_raw__pp_responsibilities') }}

),

cost_rows as (

    select
        document_id,
        performance_target_no,
        activity_no,
        any_value(activity_global_no) as activity_global_no,
        sum(total_try) as total_try
    from activity_costs
    group by document_id, performance_target_no, activity_no

),

-- the cost tables and their rows per funding source column (Bütçe Ödeneği, Döner Sermaye, Diğer
-- Yurt İçi, Yurt Dışı)
funding_columns as (

    select funding.funding_column
    from (
        values ('budget_allocation'), ('revolving_fund'), ('other_domestic'), ('foreign')
    ) as funding (funding_column)

),

cost_table_columns as (

    select
        cost_tables.document_id,
        cost_tables.performance_target_no,
        cost_tables.activity_no,
        cost_tables.activity_global_no,
        cost_tables.total_source_line,
        funding_columns.funding_column,
        case funding_columns.funding_column
            when 'budget_allocation' then cost_tables.budget_allocation_try
            when 'revolving_fund' then cost_tables.revolving_fund_try
            when 'other_domestic' then cost_tables.other_domestic_try
            else cost_tables.foreign_try
        end as amount_try
    from cost_tables
    cross join funding_columns

),

cost_row_columns as (

    select
        activity_costs.document_id,
        activity_costs.performance_target_no,
        activity_costs.activity_no,
        funding_columns.funding_column,
        case funding_columns.funding_column
            when 'budget_allocation' then activity_costs.budget_allocation_try
            when 'revolving_fund' then activity_costs.revolving_fund_try
            when 'other_domestic' then activity_costs.other_domestic_try
            else activity_costs.foreign_try
        end as amount_try
    from activity_costs
    cross join funding_columns

),

cost_row_column_sums as (

    select
        document_id,
        performance_target_no,
        activity_no,
        funding_column,
        {{ sum_when_all_known('amount_try') }} as amount_try
    from cost_row_columns
    group by document_id, performance_target_no, activity_no, funding_column

),

section_2_4_activities as (

    select * from administration_performance
    where row_kind = 'activity'

),

section_2_6_numbered as (

    select
        document_id,
        performance_target_no,
        activity_no,
        source_line,
        row_number() over (
            partition by document_id, performance_target_no, activity_no order by source_line
        ) as listing_no
    from responsibilities
    where activity_no is not null

),

-- how often 2.6 lists each activity, on which lines; a repeated activity points at its second
-- listing (Kayseri 2024: F64 on lines 4320 and 4323, line 4323)
section_2_6_listings as (

    select
        document_id,
        performance_target_no,
        activity_no,
        count(*) as n_listings,
        coalesce(min(source_line) filter (where listing_no = 2), min(source_line)) as source_line,
        string_agg(cast(source_line as varchar), ', ' order by source_line) as listing_lines
    from section_2_6_numbered
    group by document_id, performance_target_no, activity_no

),

-- an activity 2.6 omits points at its target's first 2.6 row (Kayseri 2024: F67, line 4320)
section_2_6_targets as (

    select
        document_id,
        performance_target_no,
        min(source_line) as source_line
    from responsibilities
    where performance_target_no is not null
    group by document_id, performance_target_no

),

cost_row_checks as (

    select
        coalesce(cost_tables.document_id, cost_rows.document_id) as document_id,
        'activity_cost_rows_vs_cost_table_total' as check_name,
        'F' || coalesce(cost_tables.activity_global_no, cost_rows.activity_global_no) as subject,
        cost_tables.total_try as expected,
        cost_rows.total_try as actual,
        cast(null as varchar) as detail,
        cost_tables.total_source_line as source_line
    from cost_tables
    full outer join cost_rows
        on
            cost_tables.document_id = cost_rows.document_id
            and cost_tables.performance_target_no = cost_rows.performance_target_no
            and cost_tables.activity_no = cost_rows.activity_no

),

cost_row_split_checks as (

    select
        cost_table_columns.document_id,
        'activity_cost_rows_vs_cost_table_total_' || cost_table_columns.funding_column as check_name,
        'F' || cost_table_columns.activity_global_no as subject,
        cost_table_columns.amount_try as expected,
        cost_row_column_sums.amount_try as actual,
        cast(null as varchar) as detail,
        cost_table_columns.total_source_line as source_line
    from cost_table_columns
    inner join cost_row_column_sums
        on
            cost_table_columns.document_id = cost_row_column_sums.document_id
            and cost_table_columns.performance_target_no = cost_row_column_sums.performance_target_no
            and cost_table_columns.activity_no = cost_row_column_sums.activity_no
            and cost_table_columns.funding_column = cost_row_column_sums.funding_column
    where cost_table_columns.amount_try is not null and cost_row_column_sums.amount_try is not null

),

cost_table_checks as (

    select
        coalesce(activities.document_id, cost_tables.document_id) as document_id,
        'activity_cost_table_vs_performance_target_table' as check_name,
        'F' || coalesce(activities.activity_global_no, cost_tables.activity_global_no) as subject,
        activities.total_try as expected,
        cost_tables.total_try as actual,
        cast(null as varchar) as detail,
        cost_tables.total_source_line as source_line
    from activities
    full outer join cost_tables
        on
            activities.document_id = cost_tables.document_id
            and activities.performance_target_no = cost_tables.performance_target_no
            and activities.activity_no = cost_tables.activity_no

),

section_2_4_checks as (

    select
        coalesce(section_2_4_activities.document_id, activities.document_id) as document_id,
        'activity_performance_target_table_vs_section_2_4' as check_name,
        'F' || coalesce(section_2_4_activities.activity_global_no, activities.activity_global_no)
            as subject,
        section_2_4_activities.total_try as expected,
        activities.total_try as actual,
        cast(null as varchar) as detail,
        activities.source_line
    from section_2_4_activities
    full outer join activities
        on
            section_2_4_activities.document_id = activities.document_id
            and section_2_4_activities.performance_target_no = activities.performance_target_no
            and section_2_4_activities.activity_no = activities.activity_no

),

cost_table_split_checks as (

    select
        activities.document_id,
        'activity_cost_table_vs_performance_target_table_' || parts.part as check_name,
        'F' || coalesce(activities.activity_global_no, cost_tables.activity_global_no) as subject,
        case parts.part when 'budget' then activities.budget_try else activities.non_budget_try end
            as expected,
        case parts.part
            when 'budget' then cost_tables.budget_allocation_try
            else cost_tables.revolving_fund_try + cost_tables.other_domestic_try + cost_tables.foreign_try
        end as actual,
        cast(null as varchar) as detail,
        cost_tables.total_source_line as source_line
    from activities
    inner join cost_tables
        on
            activities.document_id = cost_tables.document_id
            and activities.performance_target_no = cost_tables.performance_target_no
            and activities.activity_no = cost_tables.activity_no
    cross join (values ('budget'), ('non_budget')) as parts (part)

),

section_2_4_split_checks as (

    select
        activities.document_id,
        'activity_performance_target_table_vs_section_2_4_' || parts.part as check_name,
        'F' || coalesce(section_2_4_activities.activity_global_no, activities.activity_global_no)
            as subject,
        case parts.part
            when 'budget' then section_2_4_activities.budget_try
            else section_2_4_activities.non_budget_try
        end as expected,
        case parts.part when 'budget' then activities.budget_try else activities.non_budget_try end
            as actual,
        cast(null as varchar) as detail,
        activities.source_line
    from section_2_4_activities
    inner join activities
        on
            section_2_4_activities.document_id = activities.document_id
            and section_2_4_activities.performance_target_no = activities.performance_target_no
            and section_2_4_activities.activity_no = activities.activity_no
    cross join (values ('budget'), ('non_budget')) as parts (part)

),

section_2_6_checks as (

    select
        activities.document_id,
        'activity_listed_in_section_2_6' as check_name,
        'F' || activities.activity_global_no as subject,
        cast(1 as double) as expected,
        cast(coalesce(section_2_6_listings.n_listings, 0) as double) as actual,
        case
            when section_2_6_listings.n_listings > 1
                then format(
                        '2.6 lists activity {}.{} (F{}) of P.H. {} {} times (lines {})',
                        activities.performance_target_no,
                        activities.activity_no,
                        activities.activity_global_no,
                        activities.performance_target_no,
                        section_2_6_listings.n_listings,
                        section_2_6_listings.listing_lines
                    )
            when section_2_6_listings.n_listings is null
                then format(
                        '2.6 does not list activity {}.{} (F{}) of P.H. {}{}',
                        activities.performance_target_no,
                        activities.activity_no,
                        activities.activity_global_no,
                        activities.performance_target_no,
                        case when section_2_6_targets.source_line is null then ', nor the target' else '' end
                    )
        end as detail,
        coalesce(section_2_6_listings.source_line, section_2_6_targets.source_line) as source_line
    from activities
    left join section_2_6_listings
        on
            activities.document_id = section_2_6_listings.document_id
            and activities.performance_target_no = section_2_6_listings.performance_target_no
            and activities.activity_no = section_2_6_listings.activity_no
    left join section_2_6_targets
        on
            activities.document_id = section_2_6_targets.document_id
            and activities.performance_target_no = section_2_6_targets.performance_target_no
    where activities.document_id in (select responsibilities.document_id from responsibilities)

),

checks as (

    select * from cost_row_checks
    union all
    select * from cost_row_split_checks
    union all
    select * from cost_table_checks
    union all
    select * from section_2_4_checks
    union all
    select * from cost_table_split_checks
    union all
    select * from section_2_4_split_checks
    union all
    select * from section_2_6_checks

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
        detail,
        source_line
    from checks

)

select * from final
