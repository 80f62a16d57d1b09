with

source as (

    select * from {{ source('raw', 'fsr_values') }}

),

renamed as (

    select {{ staged_columns('fsr_values') }}
    from source

)

select * from renamed
