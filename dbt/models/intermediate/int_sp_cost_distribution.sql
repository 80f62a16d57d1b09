-- Section 7 (tahmini kaynak dağılımı) rows with their place in the table's hierarchy:
-- transformation area > service area > goal > target. Parents are found by position (the
-- last row of the parent kind above the row), a target's goal by its code (KE.1.3 -> KE.1).
with

cost_distribution as (

    select * from {{ ref('stg_raw__sp_cost_distribution') }}

),

table_rows as (

    select distinct
        document_id,
        row_no,
        row_kind,
        row_label,
        plan_code
    from cost_distribution

),

positioned as (

    select
        document_id,
        row_no,
        row_kind,
        row_label,
        plan_code,
        max(case when row_kind = 'transformation_area' then row_no end) over (
            partition by document_id order by row_no
            rows between unbounded preceding and current row
        ) as transformation_area_row_no,
        max(case when row_kind = 'service_area' then row_no end) over (
            partition by document_id order by row_no
            rows between unbounded preceding and current row
        ) as service_area_row_no
    from table_rows

),

with_parents as (

    select
        positioned.document_id,
        positioned.row_no,
        case
            when positioned.row_kind = 'goal' then positioned.plan_code
            when positioned.row_kind = 'target' then {{ parent_code('positioned.plan_code') }}
        end as goal_code,
        case
            when positioned.row_kind in ('goal', 'target')
                then positioned.service_area_row_no
        end as service_area_row_no,
        case
            when positioned.row_kind in ('service_area', 'goal', 'target')
                then positioned.transformation_area_row_no
        end as transformation_area_row_no
    from positioned

),

final as (

    select
        cost_distribution.document_id,
        cost_distribution.row_no,
        cost_distribution.row_kind,
        cost_distribution.row_label,
        cost_distribution.plan_code,
        with_parents.goal_code,
        with_parents.service_area_row_no,
        service_area_rows.row_label as service_area_label,
        with_parents.transformation_area_row_no,
        transformation_area_rows.row_label as transformation_area_label,
        cost_distribution.year,
        cost_distribution.amount_try,
        cost_distribution.amount_raw,
        cost_distribution.row_total_try,
        cost_distribution.row_total_raw,
        cost_distribution.source_line
    from cost_distribution
    inner join with_parents
        on
            cost_distribution.document_id = with_parents.document_id
            and cost_distribution.row_no = with_parents.row_no
    left join table_rows as service_area_rows
        on
            with_parents.document_id = service_area_rows.document_id
            and with_parents.service_area_row_no = service_area_rows.row_no
    left join table_rows as transformation_area_rows
        on
            with_parents.document_id = transformation_area_rows.document_id
            and with_parents.transformation_area_row_no = transformation_area_rows.row_no

)

select * from final
