-- Financial status reports: a figure printed in several tables of one report (the same side,
-- code, measure, period and year) against its first printing. Real reports differ here (Gebze
-- 2021 prints 01-Vergi Gelirleri's January–June revenue as 91.865.031,24 on page 5 and
-- 91.837.127,24 on page 9); both printings stay in fct_budget_execution, none is chosen. An
-- annex that rounds to TL differs by up to half a lira: `rounding`, not a mismatch.
-- A marked row whose footnote says its appropriation is the figure after transfers is not a
-- printing of the initial appropriation (Gebze 2022 prints 09-Yedek Ödenek's 10.189.837,00 in
-- table 1 and says the initial one is 34.507.837,00, as Ek-1 prints it): it is not compared.
with

fsr_values as (

    select * from {{ ref('int_fsr_values') }}

),

printings as (

    select
        *,
        coalesce(economic_code, 'TOPLAM') as code,
        row_number() over (
            partition by document_id, side, coalesce(economic_code, 'TOPLAM'), measure, period, year
            order by table_no, row_no
        ) as printing_no
    from fsr_values
    where
        value is not null
        and not (shows_current_appropriation and measure = 'initial_appropriation')

),

first_printings as (

    select * from printings
    where printing_no = 1

),

final as (

    select
        later.document_id,
        'fsr_same_figure_in_two_tables' as check_name,
        concat_ws(
            ' / ',
            later.side,
            later.code,
            later.measure || ' ' || later.period || ' ' || later.year,
            'table ' || earliest.table_no
            || ' (page ' || coalesce(cast(earliest.page as varchar), '?') || ', line '
            || earliest.source_line || ')'
            || ' vs table ' || later.table_no
            || ' (page ' || coalesce(cast(later.page as varchar), '?') || ')'
        ) as subject,
        earliest.value as expected,
        later.value as actual,
        case when least(earliest.decimals, later.decimals) = 0 then 0.5 else 0 end as tolerance,
        later.source_line
    from printings as later
    inner join first_printings as earliest
        on
            later.document_id = earliest.document_id
            and later.side = earliest.side
            and later.code = earliest.code
            and later.measure = earliest.measure
            and later.period = earliest.period
            and later.year = earliest.year
    where later.printing_no > 1

)

select * from final
