{#-
    Per document, year and `key_columns`: indicators total and judged, average score and the band
    distribution (`Hedef Üstü: 2, İyi: 1`, in band order) of the rows of `relation`
    (int_indicator_success or a CTE over it). Shared by the agg_success_by_* marts.
-#}
{% macro success_band_summary(relation, key_columns) -%}
    select
        {{ key_columns | join(', ') }},
        document_id,
        year,
        -- Counts are integers (a sum of counts is HUGEINT in DuckDB, DOUBLE in Parquet).
        cast(sum(band_rows) as integer) as indicators_total,
        cast(sum(case when success_band is not null then band_rows else 0 end) as integer)
            as indicators_judged,
        sum(score_sum) / nullif(sum(case when success_band is not null then band_rows end), 0)
            as average_score,
        string_agg(success_band || ': ' || band_rows, ', ' order by band_order)
            as band_distribution
    from (
        select
            {{ key_columns | join(', ') }},
            document_id,
            year,
            success_band,
            band_order,
            count(*) as band_rows,
            sum(score) as score_sum
        from {{ relation }}
        group by all
    )
    group by all
{%- endmacro %}
