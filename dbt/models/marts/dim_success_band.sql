with

success_bands as (

    select * from {{ ref('success_bands') }}

),

final as (

    select
        band_scheme,
        band_order,
        band_name,
        cast(lower_bound_pct as double) as lower_bound_pct,
        -- half-open interval [lower, upper): the upper bound is the next higher band's lower
        -- bound, null for the top band
        cast(
            lead(lower_bound_pct) over (
                partition by band_scheme order by lower_bound_pct asc
            ) as double
        ) as upper_bound_pct,
        score,
        colour,
        band_scheme = '{{ var("default_success_band_scheme") }}' as is_default_scheme
    from success_bands

)

select * from final
