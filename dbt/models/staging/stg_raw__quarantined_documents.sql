with

source as (

    select * from {{ source('raw', 'quarantined_documents') }}

),

renamed as (

    select {{ staged_columns('quarantined_documents') }}
    from source

)

select * from renamed
