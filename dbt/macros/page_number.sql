{#-
    The page of the PDF each row's line is on, the one home of that join. `relation` is a model
    with `document_id` and a line column; the macro selects all of its columns and `page_number`
    from the document's page map (stg_raw__document_pages, built from the form feeds of the
    extracted text by dagster_project/pages.py). An as-of join takes, per document, the page with
    the last first_line at or before the line: a sort-merge, where a range join would compare
    every row with every page of its document. Null when the document has no page map (text
    without page marks) or the row has no line.
-#}
{% macro with_page_number(relation, line_column='source_line') -%}
    select
        lines.*,
        case
            when lines.{{ line_column }} <= document_pages.last_line then document_pages.page_number
        end as page_number
    from {{ relation }} as lines
    asof left join {{ ref('stg_raw__document_pages') }} as document_pages
        on
            lines.document_id = document_pages.document_id
            and lines.{{ line_column }} >= document_pages.first_line
{%- endmacro %}
