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
--   section_2_5_rows_vs_total_row                2.5's own sums per column (Faaliyet, Genel Yönetim,
--                                                Transfer, Toplam): the budget's economic-code rows
--                                                vs Toplam Bütçe Kaynak İhtiyacı, the sources
--                                                outside the budget vs Toplam Bütçe Dışı Kaynak
--                                                İhtiyacı, where every row states the column
--                                                (subject: `<total row kind> / line <n> / <column>`)
--   section_2_4_count_vs_tables                  rows 2.4 lists vs performance-target tables and
--                                                activity rows found
--   cost_table_count_vs_activities               one FAALİYET MALİYET TABLOSU per activity
--   declared_count_vs_tables                     the narrative's "51 adet Performans Hedefi",
--                                                "154 adet Faaliyet" vs the tables (subject: what,
--                                                line, position in the line and words)
-- The stated amounts are read from the document's total rows, never written here.
{% set by_code = 'economic_code_activity_facts_vs_section_2_5' %}
{% set by_source = 'funding_source_activity_facts_vs_section_2_5' %}

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

-- What 2.5 states per economic code and per funding source, and the activity facts it is compared
-- with: a row per check (the code's, `{{ by_code }}`, and the source's, `{{ by_source }}`) and subject.
-- 2.5's economic-code rows are the budget's (Bütçe Kaynak İhtiyacı), so only the budget's facts
-- count for a code; a funding source's total is stated by the budget's Toplam Bütçe Kaynak
-- İhtiyacı and by a row per source outside it (Döner Sermaye, Diğer Yurt İçi, Yurt Dışı: the parser
-- gives each its code).
section_2_5_rows as (

    select
        document_id,
        case when row_kind = 'economic_code' then '{{ by_code }}' else '{{ by_source }}' end as check_name,
        case when row_kind = 'economic_code' then economic_code else funding_source end as subject,
        activity_try,
        row_label,
        source_line
    from resource_needs
    where
        (row_kind = 'economic_code' and funding_group = 'budget')
        or (row_kind in ('budget_total', 'funding_source') and funding_source is not null)

),

activity_facts as (

    select
        budget_lines.document_id,
        checks.check_name,
        case
            when checks.check_name = '{{ by_code }}' then budget_lines.economic_code
            else budget_lines.funding_source
        end as subject,
        sum(budget_lines.amount_try) as amount_try
    from budget_lines
    cross join (values ('{{ by_code }}'), ('{{ by_source }}')) as checks (check_name)
    where
        budget_lines.grain = 'activity'
        and (checks.check_name = '{{ by_source }}' or budget_lines.funding_source = 'budget')
    group by budget_lines.document_id, checks.check_name, subject

),

section_2_5_checks as (

    select
        coalesce(section_2_5_rows.document_id, activity_facts.document_id) as document_id,
        coalesce(section_2_5_rows.check_name, activity_facts.check_name) as check_name,
        coalesce(section_2_5_rows.subject, activity_facts.subject) as subject,
        section_2_5_rows.activity_try as expected,
        coalesce(activity_facts.amount_try, 0) as actual,
        section_2_5_rows.row_label as detail,
        section_2_5_rows.source_line
    from section_2_5_rows
    full outer join activity_facts
        on
            section_2_5_rows.document_id = activity_facts.document_id
            and section_2_5_rows.check_name = activity_facts.check_name
            and section_2_5_rows.subject = activity_facts.subject
    where
        coalesce(section_2_5_rows.document_id, activity_facts.document_id)
        in (select programme_documents.document_id from programme_documents)

),

section_2_5_columns as (

    select
        resource_needs.document_id,
        resource_needs.row_kind,
        resource_needs.funding_group,
        resource_needs.row_label,
        resource_needs.source_line,
        amounts.amount_column,
        case amounts.amount_column
            when 'activity' then resource_needs.activity_try
            when 'general_administration' then resource_needs.general_administration_try
            when 'transfers' then resource_needs.transfers_try
            else resource_needs.total_try
        end as amount_try
    from resource_needs
    cross join
        (values ('activity'), ('general_administration'), ('transfers'), ('total')) as amounts (amount_column)

),

section_2_5_member_sums as (

    select
        document_id,
        case when row_kind = 'economic_code' then 'budget_total' else 'non_budget_total' end as total_kind,
        amount_column,
        {{ sum_when_all_known('amount_try') }} as amount_try
    from section_2_5_columns
    where (row_kind = 'economic_code' and funding_group = 'budget') or row_kind = 'funding_source'
    group by document_id, total_kind, amount_column

),

section_2_5_sum_checks as (

    select
        section_2_5_columns.document_id,
        'section_2_5_rows_vs_total_row' as check_name,
        section_2_5_columns.row_kind || ' / line ' || section_2_5_columns.source_line
        || ' / ' || section_2_5_columns.amount_column as subject,
        section_2_5_columns.amount_try as expected,
        section_2_5_member_sums.amount_try as actual,
        section_2_5_columns.row_label as detail,
        section_2_5_columns.source_line
    from section_2_5_columns
    inner join section_2_5_member_sums
        on
            section_2_5_columns.document_id = section_2_5_member_sums.document_id
            and section_2_5_columns.row_kind = section_2_5_member_sums.total_kind
            and section_2_5_columns.amount_column = section_2_5_member_sums.amount_column
    where section_2_5_columns.amount_try is not null and section_2_5_member_sums.amount_try is not null

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

    select * from section_2_5_checks
    union all
    select * from section_2_5_sum_checks
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
