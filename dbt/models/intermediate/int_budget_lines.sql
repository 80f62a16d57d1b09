-- Budget amounts at the finest grain each document gives, so that summing amount_try over a
-- document and year never double counts. Strategic plan: the section-7 target rows only
-- (grain `target`); goal, area and total rows are checked in rpt_reconciliation instead.
-- Performance programme (year = fiscal year):
--   grain `activity`: one row per activity × economic code × funding source (`budget` Bütçe
--     Ödeneği, `revolving_fund` Döner Sermaye, `other_domestic` Diğer Yurt İçi, `foreign` Yurt
--     Dışı) of the FAALİYET MALİYET TABLOSU rows (never their total rows, which would double count);
--   grain `general_administration`: section 2.5's Genel Yönetim Giderleri per economic code (the
--     code rows are the budget part, funding source `budget`; a non-budget row's source is the
--     code the parser gave it from the sources' names in seed export_labels);
--   grain `transfers`: section 2.5's Diğer İdarelere Transfer Edilecek Kaynaklar per economic code.
--   A cell becomes a row when its amount is known: written (its `*_raw` is set, `0,00` included)
--   or determined by the amount identities (a cell lost in the conversion whose every placement
--   gives the same amount, e.g. Kayseri's F6 03 `0,00 0,00 0,00 0,00` under five columns is 0 in
--   each); the parser's note on that row (pp_activity_costs.placement_note, and its info issue in
--   rpt_extraction_issues), kept in amount_note, says which cell was lost. An amount left null
--   (ambiguous) is no row. Transfers and the non-budget rows of 2.5 (amounts
--   per funding source without an economic code) become rows only when non-zero (Kayseri 2024:
--   all `0,00`, so none).
with

cost_distribution as (

    select * from {{ ref('stg_raw__sp_cost_distribution') }}

),

sp_targets as (

    select * from {{ ref('stg_raw__sp_targets') }}

),

pp_activity_costs as (

    select * from {{ ref('stg_raw__pp_activity_costs') }}

),

pp_resource_needs as (

    select * from {{ ref('stg_raw__pp_resource_needs') }}

),

performance_targets as (

    select * from {{ ref('int_performance_targets') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

strategic_plan_target_rows as (

    select
        cost_distribution.document_id,
        cost_distribution.year,
        'target' as grain,
        {{ make_id(
            'cost_distribution.document_id',
            'coalesce(sp_targets.goal_code, ' ~ parent_code('cost_distribution.plan_code') ~ ')'
        ) }} as goal_id,
        {{ make_id('cost_distribution.document_id', 'cost_distribution.plan_code') }} as target_id,
        cast(null as varchar) as activity_id,
        cast(null as varchar) as economic_code,
        cast(null as varchar) as funding_source,
        {{ money('cost_distribution.amount_try') }} as amount_try,
        cost_distribution.amount_raw,
        cast(null as varchar) as amount_note,
        cost_distribution.source_line
    from cost_distribution
    left join sp_targets
        on
            cost_distribution.document_id = sp_targets.document_id
            and cost_distribution.plan_code = sp_targets.target_code
    where cost_distribution.row_kind = 'target'

),

-- one row per cost row and funding source: the cost table's columns named by their source
activity_cost_cells as (

    {{ amount_cells(
        'pp_activity_costs',
        ['document_id', 'fiscal_year', 'performance_target_no', 'activity_global_no', 'economic_code',
         'placement_note', 'source_line'],
        'funding_source',
        [('budget', 'budget_allocation'), ('revolving_fund', 'revolving_fund'),
         ('other_domestic', 'other_domestic'), ('foreign', 'foreign')]
    ) }}

),

performance_programme_activity_rows as (

    select
        activity_cost_cells.document_id,
        coalesce(activity_cost_cells.fiscal_year, documents.fiscal_year) as year,
        'activity' as grain,
        performance_targets.goal_id,
        performance_targets.target_id,
        {{ make_id('activity_cost_cells.document_id', "'F' || activity_cost_cells.activity_global_no") }}
            as activity_id,
        activity_cost_cells.economic_code,
        activity_cost_cells.funding_source,
        {{ money('activity_cost_cells.amount_try') }} as amount_try,
        activity_cost_cells.amount_raw,
        case
            when activity_cost_cells.amount_raw is null then activity_cost_cells.placement_note
        end as amount_note,
        activity_cost_cells.source_line
    from activity_cost_cells
    left join performance_targets
        on
            activity_cost_cells.document_id = performance_targets.document_id
            and activity_cost_cells.performance_target_no = performance_targets.performance_target_no
    left join documents
        on activity_cost_cells.document_id = documents.document_id
    where activity_cost_cells.amount_try is not null

),

resource_need_rows as (

    select * from pp_resource_needs
    where row_kind in ('economic_code', 'funding_source')

),

-- one row per 2.5 code or funding-source row and column outside the activities
resource_need_cells as (

    {{ amount_cells(
        'resource_need_rows',
        ['document_id', 'funding_source', 'row_kind', 'economic_code', 'placement_note', 'source_line'],
        'grain',
        [('general_administration', 'general_administration'), ('transfers', 'transfers')]
    ) }}

),

performance_programme_resource_need_rows as (

    select
        resource_need_cells.document_id,
        documents.fiscal_year as year,
        resource_need_cells.grain,
        cast(null as varchar) as goal_id,
        cast(null as varchar) as target_id,
        cast(null as varchar) as activity_id,
        resource_need_cells.economic_code,
        resource_need_cells.funding_source,
        {{ money('resource_need_cells.amount_try') }} as amount_try,
        resource_need_cells.amount_raw,
        case
            when resource_need_cells.amount_raw is null then resource_need_cells.placement_note
        end as amount_note,
        resource_need_cells.source_line
    from resource_need_cells
    left join documents
        on resource_need_cells.document_id = documents.document_id
    where
        resource_need_cells.amount_try <> 0
        or (
            resource_need_cells.grain = 'general_administration'
            and resource_need_cells.row_kind = 'economic_code'
            and resource_need_cells.amount_raw is not null
        )

),

unioned as (

    select * from strategic_plan_target_rows
    union all
    select * from performance_programme_activity_rows
    union all
    select * from performance_programme_resource_need_rows

)

select * from unioned
