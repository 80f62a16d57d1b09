-- Budget execution (bütçe uygulama sonuçları) of financial status reports: one row per report,
-- side (expenditure / revenue), economic code (TOPLAM for the total), measure, period and year,
-- with the row's page and line. A figure the report prints in several tables has one row here:
-- its value when every printing agrees, or agrees up to an annex's rounding to TL (the most
-- precise printing is kept); when printings differ, value is null, value_status `conflicting`
-- and printed_values lists each printing with its page — never one silently chosen
-- (rpt_reconciliation: fsr_same_figure_in_two_tables).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

fsr_values as (

    select * from {{ ref('int_fsr_values') }}
    {{ changed_documents_only() }}

),

printings as (

    select
        *,
        coalesce(economic_code, 'TOPLAM') as code,
        row_number() over (
            partition by document_id, side, coalesce(economic_code, 'TOPLAM'), measure, period, year
            order by decimals desc, table_no asc, row_no asc
        ) as precision_rank,
        row_number() over (
            partition by document_id, side, coalesce(economic_code, 'TOPLAM'), measure, period, year
            order by table_no, row_no
        ) as printing_no
    from fsr_values

),

grouped as (

    select
        document_id,
        any_value(administration) as administration,
        any_value(report_year) as report_year,
        side,
        code as economic_code,
        min(code_level) as code_level,
        measure,
        period,
        year,
        any_value(unit) as unit,
        max(value) filter (where precision_rank = 1) as precise_value,
        max(value) - min(value) as spread,
        count(*) as printings,
        count(distinct value) as distinct_values,
        min(decimals) as least_decimals,
        string_agg(
            raw_value || ' (p. ' || coalesce(cast(page as varchar), '?') || ', l. ' || source_line || ')',
            '; ' order by printing_no
        )
            as printed_values,
        max(row_label) filter (where printing_no = 1) as row_label,
        max(table_no) filter (where printing_no = 1) as table_no,
        max(page) filter (where printing_no = 1) as page,
        max(source_line) filter (where printing_no = 1) as source_line
    from printings
    group by document_id, side, code, measure, period, year

),

final as (

    select
        document_id,
        administration,
        report_year,
        side,
        economic_code,
        code_level,
        row_label,
        measure,
        period,
        year,
        unit,
        case
            when distinct_values <= 1 then 'agreed'
            when least_decimals = 0 and spread <= 1 then 'agreed_after_rounding'
            else 'conflicting'
        end as value_status,
        -- TL amounts and percentages as printed, both to two decimals (columns.py)
        {{ money(
            'case when distinct_values <= 1 or (least_decimals = 0 and spread <= 1) then precise_value end'
        ) }} as value,
        printings,
        printed_values,
        table_no,
        page,
        source_line
    from grouped

)

select * from final
{{ changed_documents_only() }}
order by document_id, side, economic_code, measure, period, year
