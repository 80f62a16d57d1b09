-- Success per target (hedef başarı düzeyi), per document and year. success_level_pct =
-- sum(weight_in_target * score) / the scheme's maximum score * 100: the score-weighted success level
-- of the plan's section 4.2 / 8 ("başarı aralıklarına karşılık gelen puanlar"), weighted by
-- "Hedefe Etkisi" where the card gives it. The exact formula (scores relative to the top score) is
-- the warehouse's convention: the document reports the level (% 91,02) but not its arithmetic.
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

indicator_success as (

    select * from {{ ref('int_indicator_success') }}
    {{ changed_documents_only() }}

),

summary as (

    {{ success_band_summary('indicator_success', ['target_id']) }}

),

levels as (

    select
        target_id,
        document_id,
        year,
        sum(weight_in_target * score) / max(max_score) * 100 as success_level_pct,
        any_value(weighting) as weighting
    from indicator_success
    where score is not null
    group by target_id, document_id, year

),

final as (

    select
        summary.document_id,
        summary.year,
        summary.target_id,
        summary.indicators_total,
        summary.indicators_judged,
        summary.average_score,
        summary.band_distribution,
        levels.success_level_pct,
        levels.weighting
    from summary
    left join levels
        on
            summary.document_id = levels.document_id
            and summary.year = levels.year
            and summary.target_id is not distinct from levels.target_id

)

select * from final
{{ changed_documents_only() }}
