-- Warehouse bug if it fails: bands are half-open [lower, upper), so in the default scheme
-- 114.5 % is "Çok İyi", 115 % is "Hedef Üstü", 84.99 % is "İyi" and 0 % is "Çok Zayıf".
with

bands as (

    select * from {{ ref('dim_success_band') }}
    where is_default_scheme

),

cases as (

    select
        114.5 as realisation_pct,
        'Çok İyi' as expected_band
    union all
    select
        115.0 as realisation_pct,
        'Hedef Üstü' as expected_band
    union all
    select
        250.0 as realisation_pct,
        'Hedef Üstü' as expected_band
    union all
    select
        85.0 as realisation_pct,
        'Çok İyi' as expected_band
    union all
    select
        84.99 as realisation_pct,
        'İyi' as expected_band
    union all
    select
        44.9 as realisation_pct,
        'Çok Zayıf' as expected_band
    union all
    select
        45.0 as realisation_pct,
        'Zayıf' as expected_band
    union all
    select
        0.0 as realisation_pct,
        'Çok Zayıf' as expected_band

),

looked_up as (

    select
        cases.realisation_pct,
        cases.expected_band,
        bands.band_name
    from cases
    left join bands
        on
            cases.realisation_pct >= bands.lower_bound_pct
            and (bands.upper_bound_pct is null or cases.realisation_pct < bands.upper_bound_pct)

)

select
    realisation_pct,
    expected_band,
    band_name
from looked_up
where band_name is distinct from expected_band
