with

source as (

    select * from {{ source('raw', 'sp_goals') }}

),

renamed as (

    select {{ staged_columns('sp_goals') }}
    from source

)

select * from renamed
