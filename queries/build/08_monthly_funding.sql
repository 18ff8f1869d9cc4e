-- monthly_funding: the euros of the grants falling in each month they run (each grant spread
-- evenly over its days, see funding_in_period), per centre (null = national), province and
-- funder, over every month any grant runs. Summing whole months gives funding_in_period for a
-- period of whole months, which is what every filter selects.
create table monthly_funding as
with grant_months as (
    select
        g.centre_id,
        c.province,
        g.funder,
        g.amount_eur,
        g.start_on,
        g.end_on,
        unnest(
            generate_series(
                date_trunc('month', g.start_on), date_trunc('month', g.end_on), interval 1 month
            )
        )::date as month
    from grants as g
    left join centres as c on c.centre_id = g.centre_id
),

final as (
    select
        centre_id,
        province,
        funder,
        month,
        sum(funding_in_period(amount_eur, start_on, end_on, month, last_day(month))) as funding_eur,
        count(*)::bigint as grants
    from grant_months
    group by all
)

select * from final order by month, province, centre_id, funder;
