with

source as (

    select * from {{ source('raw', 'sp_budget_realisations') }}

),

renamed as (

    select {{ staged_columns('sp_budget_realisations') }}
    from source

)

select * from renamed
