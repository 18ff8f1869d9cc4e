-- funding_by_centre: euros falling in [$period_start, $period_end] per grant recipient, funder
-- and purpose (each grant spread evenly over its days, see funding_in_period). National grants
-- (no centre) come as rows with centre_id null; they are never assigned to a centre.
with spread as (
    select
        g.centre_id,
        c.province,
        g.funder,
        g.purpose,
        funding_in_period(
            g.amount_eur, g.start_on, g.end_on, $period_start::date, $period_end::date
        ) as funding_eur
    from grants as g
    left join centres as c on c.centre_id = g.centre_id
),

final as (
    select centre_id, province, funder, purpose, sum(funding_eur) as funding_eur
    from spread
    where funding_eur > 0
    group by all
)

select * from final order by centre_id nulls first, funder, purpose
