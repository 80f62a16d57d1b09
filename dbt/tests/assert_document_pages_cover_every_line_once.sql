-- The page map of a document starts at line 1 and each page begins on the line after the previous
-- page ends, so every line has exactly one page (macros/page_number.sql relies on it).
with

document_pages as (

    select * from {{ ref('stg_raw__document_pages') }}

),

ordered as (

    select
        document_id,
        page_number,
        first_line,
        first_line as source_line,
        lag(last_line) over (partition by document_id order by page_number) as previous_last_line
    from document_pages

)

select *
from ordered
where first_line <> coalesce(previous_last_line + 1, 1)
