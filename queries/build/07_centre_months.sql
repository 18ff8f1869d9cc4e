-- centre_months: every centre in every month from the month before the first centre opened (or
-- the data began) to the last month in which anything about the centres changes (an opening, a
-- coordinator's start, a staffing year, the data's end): open by the month's last day, its paid
-- coordinator in post by then, and its latest staffing up to that year (volunteers, paid FTE,
-- the staffing year). Before the first month nothing is open, after the last nothing changes,
-- so the KPIs of any period read one row per centre (Warehouse.centre_month clamps the month):
-- one filtered scan instead of a window over the staffing table on every filter change.
create table centre_months as
with bounds as (
    select
        (
            date_trunc('month', least((select min(month) from months), min(c.opened_on)))
            - interval 1 month
        )::date as first_month,
        date_trunc(
            'month',
            greatest(
                (select max(month) from months),
                max(c.opened_on),
                max(c.coordinator_start),
                (select make_date(max(year), 1, 1) from staffing)
            )
        )::date as last_month
    from centres as c
),

grid as (
    select
        c.centre_id,
        c.province,
        r.m::date as month,
        last_day(r.m::date) as month_end,
        c.opened_on,
        c.coordinator_start
    from centres as c
    cross join bounds as b
    cross join range(b.first_month, b.last_month + interval 1 month, interval 1 month) as r (m)
),

final as (
    select
        g.centre_id,
        g.province,
        g.month,
        g.opened_on <= g.month_end as is_open,
        coalesce(g.opened_on <= g.month_end and g.coordinator_start <= g.month_end, false)
            as has_coordinator,
        s.year as staffing_year,
        coalesce(s.volunteers, 0)::bigint as volunteers,
        coalesce(s.paid_fte, 0)::double as paid_fte
    from grid as g
    asof left join staffing as s
        on s.centre_id = g.centre_id and year(g.month_end) >= s.year
)

select * from final order by month, province, centre_id;
