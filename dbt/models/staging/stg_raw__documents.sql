with

source as (

    select * from {{ source('raw', 'documents') }}

),

renamed as (

    select {{ staged_columns('documents') }}
    from source

)

select * from renamed
