with

source as (

    select * from {{ source('raw', 'sp_declared_counts') }}

),

renamed as (

    select {{ staged_columns('sp_declared_counts') }}
    from source

)

select * from renamed
