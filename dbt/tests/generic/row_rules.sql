-- sqlfluff:exclude_rules:layout.indent
{#-
    Fails for every row of the model that breaks one of its row rules; the row's `broken_rules`
    names them (`not_null goal_code, unique goal_id`). The rules:
    - `not_null`: columns that must hold a value;
    - `unique`: keys, each a column (whose nulls pass, as in dbt's `unique`) or a list of columns
      (a grain key: nulls compare equal);
    - `accepted_values`: column → the values it may hold (nulls pass, as in dbt's);
    - `expressions`: conditions every row meets (null counts as a failure).
    One test per model instead of one per rule: each test is a dbt node and a Dagster check, and
    most of a build's time is per node. The failing rows are the model's own, every column kept,
    so `document_id` and `source_line` lead quarantine to the document and its lines
    (dagster_project/quarantine.py), a duplicate's rows included.
    (sqlfluff's indentation rule, off for this file, misplaces the Jinja loops below: they render
    no SQL.)
-#}
{% test row_rules(model, not_null=[], unique=[], accepted_values={}, expressions=[]) %}
    {#- Each rule a `case` that names it when a row breaks it; a unique key counts its rows in a window. -#}
    {%- set keys, windows, rules = [], [], [] -%}
    {%- for column in not_null -%}
        {%- do rules.append("case when " ~ column ~ " is null then 'not_null " ~ column ~ "' end") -%}
    {%- endfor -%}
    {%- for key in unique -%}
        {%- set columns = [key] if key is string else key -%}
        {%- set count = "row_rules_key_" ~ loop.index -%}
        {%- do keys.append(count) -%}
        {%- do windows.append("count(*) over (partition by " ~ columns | join(", ") ~ ") as " ~ count) -%}
        {%- set broken = count ~ " > 1" ~ (" and " ~ key ~ " is not null" if key is string else "") -%}
        {%- do rules.append("case when " ~ broken ~ " then 'unique " ~ columns | join("+") ~ "' end") -%}
    {%- endfor -%}
    {%- for column, values in accepted_values.items() -%}
        {%- set broken = column ~ " not in ('" ~ values | join("', '") ~ "')" -%}
        {%- do rules.append("case when " ~ broken ~ " then 'accepted_values " ~ column ~ "' end") -%}
    {%- endfor -%}
    {%- for expression in expressions -%}
        {%- set named = "expression " ~ expression | replace("'", "''") -%}
        {%- do rules.append("case when not coalesce((" ~ expression ~ "), false) then '" ~ named ~ "' end") -%}
    {%- endfor %}

with tested as (
    select
        *{% for window in windows %},
        {{ window }}{% endfor %}
    from {{ model }}
),

judged as (
    select
        *,
        concat_ws(', ', {{ rules | join(', ') }}) as broken_rules
    from tested
)

select *{% if keys %} exclude ({{ keys | join(', ') }}){% endif %}
from judged
where broken_rules <> ''

{% endtest %}
