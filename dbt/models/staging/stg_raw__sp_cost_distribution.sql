with

source as (

    select * from {{ source('raw', 'sp_cost_distribution') }}

),

renamed as (

    select {{ staged_columns('sp_cost_distribution') }}
    from source

)

select * from renamed
