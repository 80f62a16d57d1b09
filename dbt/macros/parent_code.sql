{#-
    Code of the parent item of a dotted plan code: `KE.1.10` -> `KE.1`, `KE.1` -> `KE`.
-#}
{% macro parent_code(code_column) -%}
    regexp_replace({{ code_column }}, '\.[^.]+$', '')
{%- endmacro %}
