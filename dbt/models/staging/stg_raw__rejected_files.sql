with

source as (

    select * from {{ source('raw', 'rejected_files') }}

),

renamed as (

    select {{ staged_columns('rejected_files') }}
    from source

)

select * from renamed
