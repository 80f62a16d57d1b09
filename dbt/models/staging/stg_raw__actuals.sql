with

source as (

    select * from {{ source('raw', 'actuals') }}

),

renamed as (

    select {{ staged_columns('actuals') }}
    from source

)

select * from renamed
