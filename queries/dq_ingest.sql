-- dq_ingest: what the last ingest read, loaded and set aside, per table and reason
-- (reason null: the table's totals).
with files as (
    select
        table_name,
        sum(rows_read)::bigint as rows_read,
        sum(rows_loaded)::bigint as rows_loaded,
        sum(rows_quarantined)::bigint as rows_quarantined,
        count(*) as files
    from ingest_files
    group by table_name
),

reasons as (
    select table_name, reason, sum(rows)::bigint as rows
    from ingest_reasons
    group by all
),

final as (
    select
        f.table_name,
        null as reason,
        f.rows_read,
        f.rows_loaded,
        f.rows_quarantined,
        f.files
    from files as f
    union all
    select r.table_name, r.reason, null, null, r.rows, null
    from reasons as r
)

select * from final order by table_name, reason nulls first
