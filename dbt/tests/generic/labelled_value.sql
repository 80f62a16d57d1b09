{#-
    Fails for every value of `column_name` that `seeds/export_labels.csv` gives no label for
    (kind `value`, same column name): the seed is the one list of a code column's values, which
    the exports translate, so a value the seed lacks is a new code nobody has named. Nulls pass.
-#}
{% test labelled_value(model, column_name) %}

select {{ column_name }} as unlabelled_value
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in (
        select labels.name from {{ ref('export_labels') }} as labels
        where labels.kind = 'value' and labels.column_name = '{{ column_name }}'
    )

{% endtest %}
