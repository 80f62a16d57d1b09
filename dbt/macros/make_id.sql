{#-
    Readable, stable surrogate key of a document-scoped entity:
    `<document_id>:<code>`, e.g. `kocaeli-bb-sp-2020-2024:KE.1.1`. Null when the code is null.
-#}
{% macro make_id(document_id_column, code_column) -%}
    ({{ document_id_column }} || ':' || {{ code_column }})
{%- endmacro %}
