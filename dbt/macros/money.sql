{#-
    An amount in TL as the marts hold it: DECIMAL(18, 2), exact to the kuruş, so that sums over
    thousands of rows never drift the way DOUBLE sums do (up to 10^16 TL, far beyond any budget).
    The one home of the warehouse's money type; the Parquet exports keep it (DECIMAL(18, 2)).
-#}
{% macro money(expression) -%}
    cast({{ expression }} as decimal(18, 2))
{%- endmacro %}
