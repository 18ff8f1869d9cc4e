-- centre_months: every centre in every month of the warehouse: open by the month's last day,
-- its paid coordinator in post by then, and its latest staffing up to that year (volunteers,
-- paid FTE, the staffing year). The KPIs of a period read the row of its last month, one
-- filtered scan instead of a window over the staffing table on every filter change.
create table centre_months as
with grid as (
    select
        c.centre_id,
        c.province,
        m.month,
        last_day(m.month) as month_end,
        c.opened_on,
        c.coordinator_start
    from centres as c
    cross join months as m
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
