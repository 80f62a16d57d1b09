-- Financial status reports: every printed rate recomputed from the amounts of its own row.
--   expected_execution_rate (tahmini gerçekleşme oranı): (January–June actual + July–December
--     forecast) / initial appropriation;
--   execution_rate of the report year (oran, ilk 6 ay): January–June actual / initial appropriation;
--   execution_rate of an earlier year: its January–June actual / its full-year actual (the
--     annexes' footnote ** gives both formulas);
--   change_rate (artış oranı): (later − earlier) / |earlier| of the two amount columns just
--     before it (January–June of both years, or last year's actual and this year's appropriation).
-- A rate whose denominator is 0 or missing is not computable and not checked (the reports print
-- 0,00% there). Tolerance: half a unit of the printed rate's last digit.
with

fsr_values as (

    select * from {{ ref('int_fsr_values') }}

),

amounts as (

    select * from fsr_values
    where unit = 'try'

),

rates as (

    select * from fsr_values
    where unit = 'percent'

),

row_amounts as (

    select
        document_id,
        table_no,
        row_no,
        year,
        max(value) filter (where measure = 'initial_appropriation' and period = 'year') as initial_try,
        max(value) filter (where measure = 'actual' and period = 'year') as actual_year_try,
        max(value) filter (where measure = 'actual' and period = 'h1') as actual_h1_try,
        max(value) filter (where measure = 'forecast' and period = 'h2') as forecast_h2_try
    from amounts
    group by document_id, table_no, row_no, year

),

preceding_amounts as (

    select
        rates.document_id,
        rates.table_no,
        rates.row_no,
        rates.column_no,
        amounts.value,
        row_number() over (
            partition by rates.document_id, rates.table_no, rates.row_no, rates.column_no
            order by amounts.column_no desc
        ) as distance
    from rates
    inner join amounts
        on
            rates.document_id = amounts.document_id
            and rates.table_no = amounts.table_no
            and rates.row_no = amounts.row_no
            and amounts.column_no < rates.column_no
    where rates.measure = 'change_rate'

),

change_bases as (

    select
        document_id,
        table_no,
        row_no,
        column_no,
        max(value) filter (where distance = 2) as earlier_try,
        max(value) filter (where distance = 1) as later_try
    from preceding_amounts
    group by document_id, table_no, row_no, column_no

),

recomputed as (

    select
        rates.*,
        case
            when rates.measure = 'expected_execution_rate'
                then 100 * (row_amounts.actual_h1_try + row_amounts.forecast_h2_try)
                / nullif(row_amounts.initial_try, 0)
            when rates.measure = 'execution_rate' and rates.year = rates.report_year
                then 100 * row_amounts.actual_h1_try / nullif(row_amounts.initial_try, 0)
            when rates.measure = 'execution_rate'
                then 100 * row_amounts.actual_h1_try / nullif(row_amounts.actual_year_try, 0)
            when rates.measure = 'change_rate'
                then 100 * (change_bases.later_try - change_bases.earlier_try)
                / nullif(abs(change_bases.earlier_try), 0)
        end as recomputed_pct
    from rates
    left join row_amounts
        on
            rates.document_id = row_amounts.document_id
            and rates.table_no = row_amounts.table_no
            and rates.row_no = row_amounts.row_no
            and rates.year = row_amounts.year
    left join change_bases
        on
            rates.document_id = change_bases.document_id
            and rates.table_no = change_bases.table_no
            and rates.row_no = change_bases.row_no
            and rates.column_no = change_bases.column_no

),

final as (

    select
        document_id,
        'fsr_rate_recomputed' as check_name,
        concat_ws(
            ' / ', side, 'table ' || table_no, coalesce(economic_code, 'TOPLAM'), column_label
        ) as subject,
        value as expected,
        recomputed_pct as actual,
        0.5 * power(10, -decimals) as tolerance,
        source_line
    from recomputed
    where recomputed_pct is not null and value is not null

)

select * from final
