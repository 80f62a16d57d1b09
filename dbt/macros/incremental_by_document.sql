{#-
    Incremental by document. A mart whose every row belongs to one document is configured
    `materialized='incremental', incremental_strategy='by_document'` and ends with
    `{{ changed_documents_only() }}`. On an incremental run it rebuilds only the documents listed in
    raw.document_changes (added, changed or removed since the published warehouse; the loader
    writes that table in the same transaction as the documents' raw rows) or in
    raw.monitoring_changes (their monitoring actuals or indicator links differ, or a programme
    linked to them was loaded again: the only ways another document's data reaches a document's
    achievements), and keeps every other document's rows; rows without a document (rejected files)
    are rebuilt every run. A full build (the mart does not exist yet, or `--full-refresh`, which
    Dagster passes when the dbt project changed: dagster_project/dbt_state.py) rebuilds every row.
    Tests on such a mart check the rows this run wrote (default__get_where_subquery below); rows
    kept from the published file passed them when they were published, with the same code.
-#}

{#- The documents an incremental run rebuilds: the one home of the rule (the view
    int_rebuilt_documents shows it to dagster_project/assets/marts.py). -#}
{% macro rebuilt_documents() -%}
    select document_id from {{ source('raw', 'document_changes') }}
    union all
    select document_id from {{ source('raw', 'monitoring_changes') }}
{%- endmacro %}

{#- True for the rows an incremental run rebuilds: their document changed, or they have none. -#}
{% macro in_changed_documents(column) -%}
    ({{ column }} is null or {{ column }} in ({{ rebuilt_documents() }}))
{%- endmacro %}

{#- The `where` of an incremental-by-document mart: at its end, and in an import CTE that several
    CTEs read (DuckDB computes such a CTE once, before any later filter); nothing on a full build.
    The documents travel as a DuckDB variable that every mart's pre-hook sets (dbt_project.yml): a
    constant list DuckDB pushes down through the views to the raw tables, where an `in (subquery)`
    would be applied only after every document was computed. The filter refuses to run without the
    variable (it would otherwise delete the changed documents and insert nothing). Resolving the
    sources on every parse records them as the model's dependencies. -#}
{% macro changed_documents_only() -%}
    {%- set changes = [source('raw', 'document_changes'), source('raw', 'monitoring_changes')] -%}
    {%- if is_incremental() %}
    where
        (document_id is null or list_contains(getvariable('rebuilt_documents'), document_id))
        and (getvariable('rebuilt_documents') is not null or error('rebuilt_documents is not set'))
    {%- endif %}
{%- endmacro %}

{#- The pre-hook of every mart (dbt_project.yml): the documents an incremental run rebuilds, as the
    DuckDB variable `rebuilt_documents` of the connection that builds the mart. -#}
{% macro remember_rebuilt_documents() -%}
    set variable rebuilt_documents = (
        select coalesce(list(document_id), []::varchar []) from ({{ rebuilt_documents() }})
    )
{%- endmacro %}

{#- The strategy: delete the changed documents' rows, insert the rows just built for them (one
    transaction, inside dbt's incremental materialization). -#}
{% macro get_incremental_by_document_sql(arg_dict) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }}
    where {{ in_changed_documents('document_id') }};

    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{#- True when `relation` is a mart built incrementally by document and this run is not a full build. -#}
{% macro is_rebuilt_by_document(relation) -%}
    {%- if flags.FULL_REFRESH or not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model'
            and node.config.incremental_strategy == 'by_document'
            and node.schema == relation.schema
            and node.alias == relation.identifier -%}
            {{ return(true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}

{#- dbt's generic tests read their model through this macro (it applies the `where` config); on an
    incremental run they read only the rows of an incremental-by-document mart that the run wrote. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append('(' ~ config.get('where') ~ ')') -%}
    {%- endif -%}
    {%- if is_rebuilt_by_document(relation) -%}
        {%- do conditions.append(in_changed_documents('document_id')) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}
