with

source as (

    select * from {{ source('raw', 'fsr_tables') }}

),

renamed as (

    select {{ staged_columns('fsr_tables') }}
    from source

)

select * from renamed
