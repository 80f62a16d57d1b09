-- The actual value (gerçekleşen) of each indicator and year, chosen from three sources in this
-- order: (1) a monitoring file in raw/actuals (the strategy unit's own data), (2) the document's
-- own `Gerçekleşen` column (a performance programme's actual of an earlier year), (3) the
-- `Gerçekleşen` column of a later performance programme of the same administration whose
-- indicator is linked to this one (stg_raw__indicator_links), for years inside this document's
-- period. Only annual values are used (period null); sub-annual rows stay in stg_raw__actuals.
-- `actual_candidates` counts how many sources gave a value, so a disagreement can be found.
with

file_actuals as (

    select * from {{ ref('stg_raw__actuals') }}

),

indicator_values as (

    {{ with_page_number(ref('int_indicator_values')) }}

),

indicator_links as (

    select * from {{ ref('stg_raw__indicator_links') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

from_files as (

    select
        {{ make_id('document_id', 'indicator_code') }} as indicator_id,
        document_id,
        year,
        actual_value,
        'monitoring_file' as actual_source_kind,
        'raw/actuals/' || source_file || ' row ' || source_row as actual_source,
        1 as source_rank
    from file_actuals
    where period is null

),

from_own_document as (

    select
        indicator_id,
        document_id,
        year,
        value as actual_value,
        'document' as actual_source_kind,
        document_id || ' ' || indicator_code || ' line ' || source_line
        || coalesce(' page ' || page_number, '') as actual_source,
        2 as source_rank
    from indicator_values
    where value_type = 'actual' and value is not null

),

from_linked_documents as (

    select
        {{ make_id('indicator_links.document_id', 'indicator_links.indicator_code') }} as indicator_id,
        indicator_links.document_id,
        indicator_values.year,
        indicator_values.value as actual_value,
        'linked_document' as actual_source_kind,
        indicator_links.source_document_id || ' ' || indicator_links.source_indicator_code
        || ' line ' || indicator_values.source_line
        || coalesce(' page ' || indicator_values.page_number, '')
        || ' (linked by ' || indicator_links.match_method || ')' as actual_source,
        3 as source_rank
    from indicator_links
    inner join indicator_values
        on
            indicator_values.indicator_id
            = {{ make_id('indicator_links.source_document_id', 'indicator_links.source_indicator_code') }}
            and indicator_values.value_type = 'actual'
            and indicator_values.value is not null
    inner join documents
        on
            indicator_links.document_id = documents.document_id
            and indicator_values.year
            between documents.period_start_year and documents.period_end_year

),

unioned as (

    select * from from_files
    union all
    select * from from_own_document
    union all
    select * from from_linked_documents

),

ranked as (

    select
        *,
        row_number() over (
            partition by indicator_id, year order by source_rank asc, actual_source asc
        ) as candidate_rank,
        count(*) over (partition by indicator_id, year) as actual_candidates
    from unioned

),

final as (

    select
        indicator_id,
        document_id,
        year,
        actual_value,
        actual_source_kind,
        actual_source,
        actual_candidates
    from ranked
    where candidate_rank = 1

)

select * from final
