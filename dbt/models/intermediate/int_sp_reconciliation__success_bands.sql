-- Strategic plan: the document's success band table (as written) vs the default band scheme
-- of seeds/success_bands.csv, band by band (matched on band order). Tolerance 0.
--   success_band_lower_bound_vs_scheme, success_band_score_vs_scheme
-- Subject: `section <n>: <band name as written>`; a plan that prints the table twice is checked twice.
with

document_bands as (

    select * from {{ ref('stg_raw__sp_success_bands') }}

),

scheme_bands as (

    select * from {{ ref('success_bands') }}
    where band_scheme = '{{ var("default_success_band_scheme") }}'

),

matched as (

    select
        document_bands.document_id,
        coalesce(
            'section ' || document_bands.document_section,
            'line ' || document_bands.source_line
        ) || ': ' || document_bands.band_name as subject,
        scheme_bands.lower_bound_pct as scheme_lower_bound_pct,
        -- `% 44 ve altı` (and below) has no lower bound: it starts at 0
        coalesce(document_bands.lower_bound_pct, 0) as document_lower_bound_pct,
        scheme_bands.score as scheme_score,
        document_bands.score as document_score
    from document_bands
    left join scheme_bands
        on document_bands.band_order = scheme_bands.band_order

),

final as (

    select
        document_id,
        'success_band_lower_bound_vs_scheme' as check_name,
        subject,
        cast(scheme_lower_bound_pct as double) as expected,
        cast(document_lower_bound_pct as double) as actual,
        cast(0 as double) as tolerance
    from matched
    union all
    select
        document_id,
        'success_band_score_vs_scheme' as check_name,
        subject,
        cast(scheme_score as double) as expected,
        cast(document_score as double) as actual,
        cast(0 as double) as tolerance
    from matched

)

select * from final
