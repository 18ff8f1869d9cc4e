-- funding_by_month: per calendar month and funder, the euros disbursed in that month (each
-- grant spread evenly over its days) and the number of grants active in it, from the first
-- month any grant runs to the last.
with bounds as (
    select
        date_trunc('month', min(start_on))::date as first_month,
        date_trunc('month', max(end_on))::date as last_month
    from grants
),

calendar as (
    select
        r.m::date as month,
        (r.m + interval 1 month - interval 1 day)::date as month_end
    from bounds,
        range(bounds.first_month, bounds.last_month + interval 1 month, interval 1 month) as r (m)
),

final as (
    select
        c.month,
        g.funder,
        sum(funding_in_period(g.amount_eur, g.start_on, g.end_on, c.month, c.month_end))
            as funding_eur,
        count(*) as grants_active
    from calendar as c
    inner join grants as g on g.start_on <= c.month_end and g.end_on >= c.month
    group by all
)

select * from final order by month, funder
