-- Financial status reports: every value cell of an economic-code table with its table's footnote
-- rule and the document's administration and report year. Rows whose column names no measure
-- are left out here (they stay in raw.fsr_values and rpt_extraction_issues explains them).
-- decimals: digits printed after the comma (Ek-1 rounds amounts to TL and rates to whole
-- percents), which sets the tolerance of every check on the value.
-- value is signed: a row labelled `(-)` (Ek-2's `09 Red ve İadeler (-)`) prints refunds as
-- positive amounts that the total subtracts, where the main tables print them negative
-- (-1.373.267,15); its sub-codes (`09 1 Vergi Gelirleri` 540.733,61 …) are refunds too and are
-- printed positive under it, so they take its sign. The printed number stays in raw_value.
with

fsr_values as (

    {{ with_page_number(ref('stg_raw__fsr_values')) }}

),

-- The codes a table labels `(-)`: their rows and their sub-codes' rows are deductions.
deducted_codes as (

    select distinct
        document_id,
        table_no,
        economic_code
    from fsr_values
    where row_label like '%(-)%' and economic_code is not null

),

fsr_tables as (

    select * from {{ ref('stg_raw__fsr_tables') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

final as (

    select
        fsr_values.document_id,
        documents.administration,
        documents.fiscal_year as report_year,
        fsr_values.table_no,
        fsr_tables.table_title,
        fsr_values.side,
        fsr_values.row_no,
        fsr_values.economic_code,
        case
            when fsr_values.is_total then 0
            when fsr_values.economic_code like '%.%' then 2
            else 1
        end as code_level,
        case
            when fsr_values.economic_code like '%.%' then split_part(fsr_values.economic_code, '.', 1)
        end as parent_code,
        fsr_values.row_label,
        fsr_values.is_total,
        fsr_values.is_marked,
        fsr_tables.total_excludes_marked,
        fsr_values.column_no,
        fsr_values.column_label,
        fsr_values.measure,
        fsr_values.period,
        fsr_values.year,
        fsr_values.unit,
        case
            when
                fsr_values.unit = 'try'
                and (fsr_values.row_label like '%(-)%' or deducted_codes.economic_code is not null)
                then -abs(fsr_values.value)
            else fsr_values.value
        end as value,
        fsr_values.raw_value,
        coalesce(length(regexp_extract(fsr_values.raw_value, ',(\d+)', 1)), 0) as decimals,
        -- The page map of the extracted text (the parsers read it without form feeds).
        fsr_values.page_number as page,
        fsr_values.source_line
    from fsr_values
    inner join fsr_tables
        on
            fsr_values.document_id = fsr_tables.document_id
            and fsr_values.table_no = fsr_tables.table_no
    inner join documents
        on fsr_values.document_id = documents.document_id
    left join deducted_codes
        on
            fsr_values.document_id = deducted_codes.document_id
            and fsr_values.table_no = deducted_codes.table_no
            and split_part(fsr_values.economic_code, '.', 1) = deducted_codes.economic_code
            and fsr_values.economic_code like '%.%'
    where fsr_values.measure is not null

)

select * from final
