-- dq_centres: per centre, how fresh and complete its data is: the first and last month with
-- visits, the months it was open within the data, and the months among those without visits
-- (a gap in the data is not a drop in visits).
with data_months as (
    select m.month
    from months as m
),

open_months as (
    select c.centre_id, d.month
    from centres as c
    inner join data_months as d on d.month >= date_trunc('month', c.opened_on)
),

reported as (
    select centre_id, month, visits from monthly_centre
),

final as (
    select
        c.centre_id,
        c.name,
        c.city,
        c.province,
        c.opened_on,
        min(r.month) as first_month,
        max(r.month) as last_month,
        count(o.month) as months_open,
        count(r.month) as months_with_visits,
        count(o.month) - count(r.month) as months_without_visits,
        list(o.month order by o.month) filter (where r.month is null) as missing_months
    from centres as c
    left join open_months as o on o.centre_id = c.centre_id
    left join reported as r on r.centre_id = o.centre_id and r.month = o.month
    group by all
)

select * from final order by months_without_visits desc, name
