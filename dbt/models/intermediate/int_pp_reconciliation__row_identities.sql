-- Performance programme: the identities inside one row of a table, as the document writes it.
--   row_components_vs_row_total                    a row's parts vs the Toplam it writes beside them:
--       pp_performance_targets, pp_activities       Bütçe + Bütçe Dışı = Toplam
--       pp_activity_cost_tables, pp_activity_costs  Bütçe Ödeneği + Döner Sermaye + Diğer Yurt İçi
--                                                    + Yurt Dışı = Toplam
--       pp_administration_performance               Bütçe İçi + Bütçe Dışı = Toplam (2.4)
--       pp_resource_needs                           Faaliyet + Genel Yönetim + Transfer = Toplam (2.5)
--   section_2_4_share_vs_amount_over_grand_total   each printed share (Pay) of 2.4 vs its amount ÷
--                                                    the Genel Toplam × 100; tolerance 0.01 (one unit
--                                                    in the last printed place)
-- The parser uses the same identities to place a lost cell; a complete row that breaks one is
-- landed as written and reported here, once. A row with an unknown member is not compared (the
-- parser reports why it is unknown). Subject: `<table> / line <n>` (`... / <share>` for shares).
with

performance_targets as (

    select * from {{ ref('stg_raw__pp_performance_targets') }}

),

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

resource_needs as (

    select * from {{ ref('stg_raw__pp_resource_needs') }}

),

rows_with_parts as (

    select
        document_id,
        'pp_performance_targets' as table_name,
        budget_try + non_budget_try as parts_try,
        total_try,
        total_source_line as source_line
    from performance_targets
    union all
    select
        document_id,
        'pp_activities' as table_name,
        budget_try + non_budget_try as parts_try,
        total_try,
        source_line
    from activities
    union all
    select
        document_id,
        'pp_activity_cost_tables' as table_name,
        budget_allocation_try + revolving_fund_try + other_domestic_try + foreign_try as parts_try,
        total_try,
        total_source_line as source_line
    from cost_tables
    union all
    select
        document_id,
        'pp_activity_costs' as table_name,
        budget_allocation_try + revolving_fund_try + other_domestic_try + foreign_try as parts_try,
        total_try,
        source_line
    from activity_costs
    union all
    select
        document_id,
        'pp_administration_performance' as table_name,
        budget_try + non_budget_try as parts_try,
        total_try,
        source_line
    from administration_performance
    union all
    select
        document_id,
        'pp_resource_needs' as table_name,
        activity_try + general_administration_try + transfers_try as parts_try,
        total_try,
        source_line
    from resource_needs

),

row_checks as (

    select
        document_id,
        'row_components_vs_row_total' as check_name,
        table_name || ' / line ' || source_line as subject,
        total_try as expected,
        parts_try as actual,
        cast(0 as double) as tolerance,
        source_line
    from rows_with_parts
    where parts_try is not null and total_try is not null

),

grand_totals as (

    select
        document_id,
        any_value(total_try) as grand_total_try
    from administration_performance
    where row_kind = 'grand_total'
    group by document_id

),

shares as (

    select
        administration_performance.document_id,
        parts.share,
        case parts.share
            when 'budget_share_pct' then administration_performance.budget_share_pct
            when 'non_budget_share_pct' then administration_performance.non_budget_share_pct
            else administration_performance.total_share_pct
        end as share_pct,
        case parts.share
            when 'budget_share_pct' then administration_performance.budget_try
            when 'non_budget_share_pct' then administration_performance.non_budget_try
            else administration_performance.total_try
        end as amount_try,
        grand_totals.grand_total_try,
        administration_performance.source_line
    from administration_performance
    inner join grand_totals
        on administration_performance.document_id = grand_totals.document_id
    cross join
        (values ('budget_share_pct'), ('non_budget_share_pct'), ('total_share_pct')) as parts (share)

),

share_checks as (

    select
        document_id,
        'section_2_4_share_vs_amount_over_grand_total' as check_name,
        'pp_administration_performance / line ' || source_line || ' / ' || share as subject,
        share_pct as expected,
        amount_try / grand_total_try * 100 as actual,
        cast(0.01 as double) as tolerance,
        source_line
    from shares
    where share_pct is not null and amount_try is not null and grand_total_try <> 0

),

checks as (

    select * from row_checks
    union all
    select * from share_checks

),

final as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        'number' as comparison,
        cast(null as varchar) as expected_text,
        cast(null as varchar) as actual_text,
        cast(null as varchar) as detail,
        source_line
    from checks

)

select * from final
