with

source as (

    select * from {{ source('raw', 'pp_responsibilities') }}

),

renamed as (

    select {{ staged_columns('pp_responsibilities') }}
    from source

)

select * from renamed
