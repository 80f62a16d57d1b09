with

economic_codes as (

    select * from {{ ref('economic_codes') }}

),

final as (

    select
        economic_code,
        code_level,
        name_tr,
        name_en
    from economic_codes

)

select * from final
