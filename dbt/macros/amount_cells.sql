{#-
    One row per row of `relation` and amount column, each amount beside the cell text it was read
    from: `columns` pairs the value the new column `name_column` takes with the stem of the columns
    `<stem>_try` (amount_try) and `<stem>_raw` (amount_raw) that hold it, e.g. the cost table's
    `('budget', 'budget_allocation')` → funding_source `budget`; `keep` are the columns every row
    keeps. Used by int_budget_lines for the cost tables' funding sources and 2.5's columns.
-#}
{% macro amount_cells(relation, keep, name_column, columns) %}
    {% for name, stem in columns -%}
        select
            {{ keep | join(',\n') }},
            '{{ name }}' as {{ name_column }},
            {{ stem }}_try as amount_try,
            {{ stem }}_raw as amount_raw
        from {{ relation }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
{% endmacro %}
