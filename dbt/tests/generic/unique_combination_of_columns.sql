{#-
    Fails for every combination of `combination_of_columns` that occurs more than once.
    (Null-safe: nulls in a column compare equal, which is what a grain key needs.)
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}
