{#-
    The cast list of a staging model: every column of raw.<table> that the generated sources YAML
    (models/staging/_sources.yml, written by `make contracts` from the pandera models) gives a
    `staging_name` and `staging_type` in its `meta`, in the model's column order. The pandera model
    is the one declaration of a raw column; a staging model only selects this list from its source.
    Before execution (dbt parse, sqlfluff) the graph is not there and the list is `*`.
-#}
{% macro staged_columns(table) -%}
{%- if execute and graph is defined -%}
{%- set source = graph.sources['source.' ~ project_name ~ '.raw.' ~ table] -%}
{%- for column in source.columns.values() if column.meta.staging_name is defined %}
        cast({{ column.name }} as {{ column.meta.staging_type }}) as {{ column.meta.staging_name }}
{%- if not loop.last %},{% endif %}
{%- endfor %}
{%- else -%}
*
{%- endif -%}
{%- endmacro %}
