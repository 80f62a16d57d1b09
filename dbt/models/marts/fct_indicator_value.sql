with

indicator_values as (

    select * from {{ ref('int_indicator_values') }}

),

final as (

    select
        indicator_id,
        document_id,
        year,
        value_type,
        value,
        value_raw,
        value_note,
        source_line
    from indicator_values

)

select * from final
