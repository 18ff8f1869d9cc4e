-- demographic_trend: the guest counts behind every share per month ($grain = 'month') or
-- quarter ($grain = 'quarter') from $month_from to $month_to, at $level for each key in $keys.
-- A quarter that the data only partly covers ends at the last month with data (partial = true).
with last_month as (
    select max(month) as last_month from months
),

buckets as (
    select distinct
        case when $grain = 'quarter' then date_trunc('quarter', month)::date else month end
            as b_from
    from months
    where month between $month_from and $month_to
),

bounded as (
    select
        b.b_from,
        least(
            case when $grain = 'quarter' then (b.b_from + interval 2 month)::date else b.b_from end,
            l.last_month
        ) as b_to,
        case when $grain = 'quarter' then (b.b_from + interval 2 month)::date else b.b_from end
            > l.last_month as partial
    from buckets as b
    cross join last_month as l
),

final as (
    select r.*, b.partial
    from guest_ranges as r
    inner join bounded as b on r.m_from = b.b_from and r.m_to = b.b_to
    where r.level = $level and list_contains($keys, r.key)
)

select * from final order by key, m_from
