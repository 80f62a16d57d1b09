with

source as (

    select * from {{ source('raw', 'sp_activities') }}

),

renamed as (

    select {{ staged_columns('sp_activities') }}
    from source

)

select * from renamed
