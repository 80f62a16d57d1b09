-- Warehouse bug if it fails: each band scheme starts at 0 %, has exactly one open-ended top band,
-- and band_order runs 1..n from the highest band down.
with

bands as (

    select * from {{ ref('dim_success_band') }}

),

schemes as (

    select
        band_scheme,
        min(lower_bound_pct) as lowest_bound_pct,
        count(*) filter (where upper_bound_pct is null) as n_open_bands,
        count(*) as n_bands,
        max(band_order) as max_band_order
    from bands
    group by band_scheme

),

misordered as (

    select band_scheme
    from (
        select
            band_scheme,
            band_order,
            row_number() over (
                partition by band_scheme order by lower_bound_pct desc
            ) as expected_order
        from bands
    ) as ranked
    where band_order <> expected_order

)

select
    band_scheme,
    'scheme shape' as problem
from schemes
where lowest_bound_pct <> 0 or n_open_bands <> 1 or max_band_order <> n_bands
union all
select
    band_scheme,
    'band_order does not follow the bounds' as problem
from misordered
