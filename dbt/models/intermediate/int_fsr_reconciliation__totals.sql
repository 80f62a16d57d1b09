-- Financial status reports: each total row (TOPLAM) against the sum of its table's level-1 codes,
-- and each level-1 code of the annexes against the sum of its level-2 codes, column by column.
-- The report's own footnote is followed: when it says the marked row (`09-Yedek Ödenek*`) is not
-- in the total (its spending is booked under the other codes), that row's actuals and forecasts
-- are left out of the sum; its appropriations stay in. Tolerance: half a unit of the last printed
-- digit per member (amounts rounded to TL add up to at most n × 0.5 TL off).
-- In the annexes an empty amount cell is nothing booked, as a printed 0 is: Gebze 2021's Ek-1
-- prints 0 for 07 in January 2020 and leaves the cell of its only sub-code 07.1 empty. A code is
-- compared with its sub-codes counting empty cells as 0; a column where the code and every
-- sub-code are empty prints no figure and is not a check.
with

fsr_values as (

    select * from {{ ref('int_fsr_values') }}
    where unit = 'try'

),

totals as (

    select * from fsr_values
    where is_total

),

level_one_members as (

    select
        *,
        is_marked and total_excludes_marked and measure in ('actual', 'forecast') as left_out
    from fsr_values
    where code_level = 1

),

level_one_sums as (

    select
        document_id,
        table_no,
        column_no,
        sum(value) filter (where not left_out) as members_sum,
        count(*) filter (where not left_out) as member_count,
        bool_or(left_out) as excluded_marked,
        max(case when decimals = 0 then 0.5 else 0.005 end) as unit_tolerance
    from level_one_members
    group by document_id, table_no, column_no

),

parents as (

    select * from fsr_values
    where code_level = 1

),

level_two_sums as (

    select
        document_id,
        table_no,
        column_no,
        parent_code,
        sum(value) as members_sum,
        count(*) as member_count,
        max(case when decimals = 0 then 0.5 else 0.005 end) as unit_tolerance
    from fsr_values
    where code_level = 2
    group by document_id, table_no, column_no, parent_code

),

total_checks as (

    select
        totals.document_id,
        'fsr_total_equals_sum_of_codes' as check_name,
        concat_ws(
            ' / ',
            totals.side,
            'table ' || totals.table_no,
            totals.column_label,
            case when level_one_sums.excluded_marked then 'marked row left out (footnote)' end
        ) as subject,
        totals.value as expected,
        level_one_sums.members_sum as actual,
        level_one_sums.member_count * level_one_sums.unit_tolerance as tolerance,
        totals.source_line
    from totals
    inner join level_one_sums
        on
            totals.document_id = level_one_sums.document_id
            and totals.table_no = level_one_sums.table_no
            and totals.column_no = level_one_sums.column_no

),

parent_checks as (

    select
        parents.document_id,
        'fsr_code_equals_sum_of_sub_codes' as check_name,
        concat_ws(
            ' / ', parents.side, 'table ' || parents.table_no, parents.economic_code, parents.column_label
        )
            as subject,
        coalesce(parents.value, 0) as expected,
        coalesce(level_two_sums.members_sum, 0) as actual,
        level_two_sums.member_count * level_two_sums.unit_tolerance as tolerance,
        parents.source_line
    from parents
    inner join level_two_sums
        on
            parents.document_id = level_two_sums.document_id
            and parents.table_no = level_two_sums.table_no
            and parents.column_no = level_two_sums.column_no
            and parents.economic_code = level_two_sums.parent_code
    where parents.value is not null or level_two_sums.members_sum is not null

),

final as (

    select * from total_checks
    union all
    select * from parent_checks

)

select * from final
