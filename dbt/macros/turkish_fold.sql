{#-
    Comparison key for Turkish text written in different cases, e.g. the cards' heading
    `ULAŞIM HİZMETLERİ` and Bir Bakışta's `Ulaşım Hizmetleri`: accents stripped (İ→I, Ş→S, Ç→C,
    Ğ→G, Ö→O, Ü→U), dotless ı folded with i by upper-casing, whitespace collapsed.
    Only for comparing; the verbatim text is what the marts show.
-#}
{% macro turkish_fold(text_column) -%}
    upper(strip_accents(trim(regexp_replace({{ text_column }}, '\s+', ' ', 'g'))))
{%- endmacro %}
