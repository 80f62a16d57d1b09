with

source as (

    select * from {{ source('raw', 'actuals_issues') }}

),

renamed as (

    select {{ staged_columns('actuals_issues') }}
    from source

)

select * from renamed
