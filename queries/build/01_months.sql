-- months: every calendar month from the first to the last visit (month, month_idx from 0).
create table months as
with bounds as (
    select
        date_trunc('month', min(visit_date))::date as first_month,
        date_trunc('month', max(visit_date))::date as last_month
    from visits
),

final as (
    select
        r.m::date as month,
        (row_number() over (order by r.m) - 1)::integer as month_idx
    from bounds,
        range(bounds.first_month, bounds.last_month + interval 1 month, interval 1 month) as r (m)
    where bounds.first_month is not null
)

select * from final order by month;
