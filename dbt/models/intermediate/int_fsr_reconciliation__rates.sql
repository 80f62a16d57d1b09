-- Financial status reports: every printed rate recomputed from the amounts of its own row.
--   expected_execution_rate (tahmini gerçekleşme oranı): (January–June actual + July–December
--     forecast) / initial appropriation;
--   execution_rate of the report year (oran, ilk 6 ay): January–June actual / initial appropriation;
--   execution_rate of an earlier year: its January–June actual / its full-year actual (the
--     annexes' footnote ** gives both formulas);
--   change_rate (artış oranı): (|later| − |earlier|) / |earlier| of the two amount columns just
--     before it (January–June of both years, or last year's actual and this year's appropriation);
--     on magnitudes, as the reports compute it for refunds (09 Red ve İadeler, negative amounts).
-- A rate whose denominator is 0 or missing is not computable and not checked (the reports print
-- 0,00% there). Tolerance: half a unit of the printed rate's last digit, plus what amounts
-- rounded to TL (the annexes) can move the rate: 100 × 0.5 × (1/|base| + |numerator|/base²).
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
        max(value) filter (where measure = 'forecast' and period = 'h2') as forecast_h2_try,
        min(decimals) as amount_decimals
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
        amounts.decimals,
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
            and rates.column_no > amounts.column_no
    where rates.measure = 'change_rate'

),

change_bases as (

    select
        document_id,
        table_no,
        row_no,
        column_no,
        max(value) filter (where distance = 2) as earlier_try,
        max(value) filter (where distance = 1) as later_try,
        min(decimals) filter (where distance <= 2) as amount_decimals
    from preceding_amounts
    group by document_id, table_no, row_no, column_no

),

ratios as (

    select
        rates.*,
        case
            when rates.measure = 'expected_execution_rate'
                then row_amounts.actual_h1_try + row_amounts.forecast_h2_try
            when rates.measure = 'execution_rate' then row_amounts.actual_h1_try
            when rates.measure = 'change_rate'
                then abs(change_bases.later_try) - abs(change_bases.earlier_try)
        end as numerator_try,
        case
            when rates.measure = 'expected_execution_rate' then row_amounts.initial_try
            when rates.measure = 'execution_rate' and rates.year = rates.report_year
                then row_amounts.initial_try
            when rates.measure = 'execution_rate' then row_amounts.actual_year_try
            when rates.measure = 'change_rate' then abs(change_bases.earlier_try)
        end as denominator_try,
        coalesce(change_bases.amount_decimals, row_amounts.amount_decimals) as amount_decimals
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

recomputed as (

    select
        *,
        100 * numerator_try / nullif(denominator_try, 0) as recomputed_pct,
        0.5 * power(10, -decimals)
        + case
            when amount_decimals = 0 and denominator_try != 0
                then 100 * 0.5 * (1 / abs(denominator_try) + abs(numerator_try) / power(denominator_try, 2))
            else 0
        end as tolerance
    from ratios

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
        tolerance,
        source_line
    from recomputed
    where recomputed_pct is not null and value is not null

)

select * from final
