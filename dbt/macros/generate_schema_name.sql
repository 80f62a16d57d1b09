{#-
    Use a model's custom schema (`+schema: marts`) as the schema name itself instead of dbt's
    default `<target_schema>_<custom_schema>`, so analysts query `marts.dim_goal`.
    Nodes without a custom schema land in the target schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
