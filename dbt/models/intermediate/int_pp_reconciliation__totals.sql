-- Performance programme: the budget facts (int_budget_lines) against the document's own totals,
-- and the tables' counts against each other. Amounts to the kuruş (tolerance 0), counts exact.
--   economic_code_activity_facts_vs_section_2_5  per economic code: the budget's activity facts vs
--                                                2.5's Faaliyet Toplamı (subject: the code)
--   funding_source_activity_facts_vs_section_2_5 per funding source: the activity facts vs the
--                                                Faaliyet Toplamı of 2.5's row for the source
--                                                (Toplam Bütçe Kaynak İhtiyacı for the budget;
--                                                Döner Sermaye, Diğer Yurt İçi, Yurt Dışı; subject:
--                                                `budget`, `revolving_fund`, ...)
--   stated_total_vs_facts                        the total rows of 2.4 (Performans Hedefleri
--                                                Maliyetleri Toplamı, Genel Yönetim Giderleri,
--                                                Diğer İdarelere Transfer..., Genel Toplam) and of
--                                                2.5 (Toplam Kaynak İhtiyacı per column, Toplam
--                                                Bütçe / Bütçe Dışı Kaynak İhtiyacı) vs summing the
--                                                facts (subject: `<what> / section <2.4|2.5>`);
--                                                2.4's Performans Hedefleri Maliyetleri Toplamı
--                                                and Genel Toplam also per part (`activities,
--                                                budget`, `grand total, non-budget`, ...)
--   section_2_4_count_vs_tables                  rows 2.4 lists vs performance-target tables and
--                                                activity rows found
--   cost_table_count_vs_activities               one FAALİYET MALİYET TABLOSU per activity
--   declared_count_vs_tables                     the narrative's "51 adet Performans Hedefi",
--                                                "154 adet Faaliyet" vs the tables (subject: what,
--                                                line, position in the line and words)
-- The stated amounts are read from the document's total rows, never written here.
with

budget_lines as (

    select * from {{ ref('int_budget_lines') }}

),

resource_needs as (

    select * from {{ ref('stg_raw__pp_resource_needs') }}

),

administration_performance as (

    select * from {{ ref('stg_raw__pp_administration_performance') }}

),

performance_targets as (

    select * from {{ ref('stg_raw__pp_performance_targets') }}

),

activities as (

    select * from {{ ref('stg_raw__pp_activities') }}

),

declared_counts as (

    select * from {{ ref('stg_raw__pp_declared_counts') }}

),

cost_tables as (

    select * from {{ ref('stg_raw__pp_activity_cost_tables') }}

),

programme_documents as (

    select document_id from resource_needs
    union
    select document_id from administration_performance

),

-- 2.5's economic-code rows are the budget's (Bütçe Kaynak İhtiyacı): the budget's activity facts
activity_facts_by_code as (

    select
        document_id,
        economic_code,
        sum(amount_try) as amount_try
    from budget_lines
    where grain = 'activity' and funding_source = 'budget'
    group by document_id, economic_code

),

activity_facts_by_source as (

    select
        document_id,
        funding_source,
        sum(amount_try) as amount_try
    from budget_lines
    where grain = 'activity'
    group by document_id, funding_source

),

-- the row of 2.5 that states each funding source's total: the budget's Toplam Bütçe Kaynak
-- İhtiyacı, and a row per source outside it (Döner Sermaye, Diğer Yurt İçi, Yurt Dışı; the parser
-- gives each its code)
section_2_5_sources as (

    select * from resource_needs
    where row_kind in ('budget_total', 'funding_source') and funding_source is not null

),

section_2_5_codes as (

    select * from resource_needs
    where row_kind = 'economic_code' and funding_group = 'budget'

),

economic_code_checks as (

    select
        coalesce(section_2_5_codes.document_id, activity_facts_by_code.document_id) as document_id,
        'economic_code_activity_facts_vs_section_2_5' as check_name,
        coalesce(section_2_5_codes.economic_code, activity_facts_by_code.economic_code) as subject,
        section_2_5_codes.activity_try as expected,
        coalesce(activity_facts_by_code.amount_try, 0) as actual,
        section_2_5_codes.row_label as detail,
        section_2_5_codes.source_line
    from section_2_5_codes
    full outer join activity_facts_by_code
        on
            section_2_5_codes.document_id = activity_facts_by_code.document_id
            and section_2_5_codes.economic_code = activity_facts_by_code.economic_code
    where
        coalesce(section_2_5_codes.document_id, activity_facts_by_code.document_id)
        in (select programme_documents.document_id from programme_documents)

),

funding_source_checks as (

    select
        coalesce(section_2_5_sources.document_id, activity_facts_by_source.document_id) as document_id,
        'funding_source_activity_facts_vs_section_2_5' as check_name,
        coalesce(section_2_5_sources.funding_source, activity_facts_by_source.funding_source) as subject,
        section_2_5_sources.activity_try as expected,
        coalesce(activity_facts_by_source.amount_try, 0) as actual,
        section_2_5_sources.row_label as detail,
        section_2_5_sources.source_line
    from section_2_5_sources
    full outer join activity_facts_by_source
        on
            section_2_5_sources.document_id = activity_facts_by_source.document_id
            and section_2_5_sources.funding_source = activity_facts_by_source.funding_source
    where
        coalesce(section_2_5_sources.document_id, activity_facts_by_source.document_id)
        in (select programme_documents.document_id from programme_documents)

),

fact_totals as (

    select
        programme_documents.document_id,
        coalesce(sum(budget_lines.amount_try) filter (where budget_lines.grain = 'activity'), 0)
            as activities_try,
        coalesce(
            sum(budget_lines.amount_try)
            filter (where budget_lines.grain = 'activity' and budget_lines.funding_source = 'budget'),
            0
        ) as activities_budget_try,
        coalesce(
            sum(budget_lines.amount_try)
            filter (where budget_lines.grain = 'activity' and budget_lines.funding_source <> 'budget'),
            0
        ) as activities_non_budget_try,
        coalesce(
            sum(budget_lines.amount_try) filter (where budget_lines.grain = 'general_administration'), 0
        ) as general_administration_try,
        coalesce(sum(budget_lines.amount_try) filter (where budget_lines.grain = 'transfers'), 0)
            as transfers_try,
        coalesce(sum(budget_lines.amount_try), 0) as grand_total_try,
        coalesce(sum(budget_lines.amount_try) filter (where budget_lines.funding_source = 'budget'), 0)
            as budget_try,
        coalesce(
            sum(budget_lines.amount_try) filter (where budget_lines.funding_source <> 'budget'), 0
        ) as non_budget_try
    from programme_documents
    left join budget_lines
        on programme_documents.document_id = budget_lines.document_id
    group by programme_documents.document_id

),

stated_totals as (

    select
        document_id,
        case row_kind
            when 'total_performance_targets' then 'activities'
            when 'general_administration' then 'general administration'
            when 'transfers' then 'transfers'
            when 'grand_total' then 'grand total'
        end as measure,
        'section 2.4' as section,
        total_try as expected,
        row_label,
        source_line
    from administration_performance
    where row_kind in ('total_performance_targets', 'general_administration', 'transfers', 'grand_total')
    union all
    select
        administration_performance.document_id,
        case administration_performance.row_kind
            when 'total_performance_targets' then 'activities, '
            else 'grand total, '
        end || parts.part as measure,
        'section 2.4' as section,
        case parts.part
            when 'budget' then administration_performance.budget_try
            else administration_performance.non_budget_try
        end as expected,
        administration_performance.row_label,
        administration_performance.source_line
    from administration_performance
    cross join (values ('budget'), ('non-budget')) as parts (part)
    where administration_performance.row_kind in ('total_performance_targets', 'grand_total')
    union all
    select
        document_id,
        'activities' as measure,
        'section 2.5' as section,
        activity_try as expected,
        row_label,
        source_line
    from resource_needs
    where row_kind = 'grand_total'
    union all
    select
        document_id,
        'general administration' as measure,
        'section 2.5' as section,
        general_administration_try as expected,
        row_label,
        source_line
    from resource_needs
    where row_kind = 'grand_total'
    union all
    select
        document_id,
        'transfers' as measure,
        'section 2.5' as section,
        transfers_try as expected,
        row_label,
        source_line
    from resource_needs
    where row_kind = 'grand_total'
    union all
    select
        document_id,
        case row_kind
            when 'grand_total' then 'grand total'
            when 'budget_total' then 'budget'
            when 'non_budget_total' then 'non-budget'
        end as measure,
        'section 2.5' as section,
        total_try as expected,
        row_label,
        source_line
    from resource_needs
    where row_kind in ('grand_total', 'budget_total', 'non_budget_total')

),

stated_total_checks as (

    select
        stated_totals.document_id,
        'stated_total_vs_facts' as check_name,
        stated_totals.measure || ' / ' || stated_totals.section as subject,
        stated_totals.expected,
        case stated_totals.measure
            when 'activities' then fact_totals.activities_try
            when 'activities, budget' then fact_totals.activities_budget_try
            when 'activities, non-budget' then fact_totals.activities_non_budget_try
            when 'grand total, budget' then fact_totals.budget_try
            when 'grand total, non-budget' then fact_totals.non_budget_try
            when 'general administration' then fact_totals.general_administration_try
            when 'transfers' then fact_totals.transfers_try
            when 'grand total' then fact_totals.grand_total_try
            when 'budget' then fact_totals.budget_try
            when 'non-budget' then fact_totals.non_budget_try
        end as actual,
        stated_totals.row_label as detail,
        stated_totals.source_line
    from stated_totals
    left join fact_totals
        on stated_totals.document_id = fact_totals.document_id

),

listed_in_section_2_4 as (

    select
        document_id,
        count(*) filter (where row_kind = 'performance_target') as performance_targets,
        count(*) filter (where row_kind = 'activity') as activities
    from administration_performance
    group by document_id

),

found_in_tables as (

    select
        programme_documents.document_id,
        (
            select count(*) from performance_targets
            where performance_targets.document_id = programme_documents.document_id
        ) as performance_targets,
        (
            select count(*) from activities
            where activities.document_id = programme_documents.document_id
        ) as activities,
        (
            select count(*) from cost_tables
            where cost_tables.document_id = programme_documents.document_id
        ) as cost_tables
    from programme_documents

),

count_checks as (

    select
        found_in_tables.document_id,
        'section_2_4_count_vs_tables' as check_name,
        'performance targets' as subject,
        cast(listed_in_section_2_4.performance_targets as double) as expected,
        cast(found_in_tables.performance_targets as double) as actual,
        cast(null as varchar) as detail,
        cast(null as bigint) as source_line
    from found_in_tables
    left join listed_in_section_2_4
        on found_in_tables.document_id = listed_in_section_2_4.document_id
    union all
    select
        found_in_tables.document_id,
        'section_2_4_count_vs_tables' as check_name,
        'activities' as subject,
        cast(listed_in_section_2_4.activities as double) as expected,
        cast(found_in_tables.activities as double) as actual,
        cast(null as varchar) as detail,
        cast(null as bigint) as source_line
    from found_in_tables
    left join listed_in_section_2_4
        on found_in_tables.document_id = listed_in_section_2_4.document_id
    union all
    select
        document_id,
        'cost_table_count_vs_activities' as check_name,
        'activities' as subject,
        cast(activities as double) as expected,
        cast(cost_tables as double) as actual,
        cast(null as varchar) as detail,
        cast(null as bigint) as source_line
    from found_in_tables

),

declared_count_checks as (

    select
        declared_counts.document_id,
        'declared_count_vs_tables' as check_name,
        declared_counts.item || ' / line ' || declared_counts.source_line
        || ' position ' || declared_counts.line_position
        || ': ' || declared_counts.raw_text as subject,
        cast(declared_counts.declared_count as double) as expected,
        cast(
            case declared_counts.item
                when 'performance_targets' then found_in_tables.performance_targets
                else found_in_tables.activities
            end as double
        ) as actual,
        cast(null as varchar) as detail,
        declared_counts.source_line
    from declared_counts
    inner join found_in_tables
        on declared_counts.document_id = found_in_tables.document_id

),

checks as (

    select * from economic_code_checks
    union all
    select * from funding_source_checks
    union all
    select * from stated_total_checks
    union all
    select * from count_checks
    union all
    select * from declared_count_checks

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
