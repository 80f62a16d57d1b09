{#-
    Fails for every row of the model whose `column_name` holds a value `seeds/export_labels.csv`
    gives no label for (kind `value`, same column name): the seed is the one list of a code
    column's values, which the exports translate, so a value the seed lacks is a new code nobody
    has named. Nulls pass. The failing rows are the model's own, every column kept (as
    `row_rules`'), so `document_id` and `source_line` lead quarantine to the document and its lines
    (dagster_project/quarantine.py).
-#}
{% test labelled_value(model, column_name) %}

select *
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in (
        select labels.name from {{ ref('export_labels') }} as labels
        where labels.kind = 'value' and labels.column_name = '{{ column_name }}'
    )

{% endtest %}
