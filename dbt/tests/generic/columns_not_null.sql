{#-
    Fails for every row of the model where one of `columns` is null; the row's `null_columns`
    names them (`goal_code`, or `target_code, goal_code`). One test per model instead of dbt's
    `not_null` per column: each test is a dbt node and a Dagster check, and most of a build's
    time is per node. The failing rows keep every column of the model, so `document_id` and
    `source_line` lead quarantine to the document and its lines (dagster_project/quarantine.py).
-#}
{% test columns_not_null(model, columns) %}

select
    *,
    concat_ws(
        ', ',
        {% for c in columns %}case when {{ c }} is null then '{{ c }}' end{{ ", " if not loop.last }}{% endfor %}
    ) as null_columns
from {{ model }}
where {{ columns | join(' is null or ') }} is null

{% endtest %}
