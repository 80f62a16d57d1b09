with

source as (

    select * from {{ source('raw', 'sp_card_extras') }}

),

renamed as (

    select {{ staged_columns('sp_card_extras') }}
    from source

)

select * from renamed
