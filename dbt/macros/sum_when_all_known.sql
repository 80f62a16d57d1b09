-- The sum of a column over a group, or null when a row of the group does not state it: a
-- reconciliation compares a total with its rows only when every row is known (the parser reports
-- why a value is unknown; a sum over the known rows would read as a mismatch it did not find).
{% macro sum_when_all_known(column) -%}
    case when count(*) = count({{ column }}) then sum({{ column }}) end
{%- endmacro %}
