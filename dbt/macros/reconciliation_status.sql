{#-
    Status of one reconciliation check (see rpt_reconciliation):
      ok        expected and actual agree (difference 0: below var `float_noise_try`),
      rounding  |difference| <= tolerance (the document rounds: a finding, not a failure),
      mismatch  anything else, including a side that is missing (null).
    Counts use tolerance 0, so a count off by one is always a mismatch.
-#}
{% macro reconciliation_status(expected_column, actual_column, tolerance_column) -%}
    case
        when {{ expected_column }} is null or {{ actual_column }} is null then 'mismatch'
        when abs({{ actual_column }} - {{ expected_column }}) < {{ var('float_noise_try') }} then 'ok'
        when abs({{ actual_column }} - {{ expected_column }}) <= {{ tolerance_column }} + {{ var('float_noise_try') }}
            then 'rounding'
        else 'mismatch'
    end
{%- endmacro %}
