-- funding_by_funder: euros per funder falling in [$period_start, $period_end] (each grant spread
-- evenly over its days, see funding_in_period). National grants (no centre) count only when no
-- province or centre is chosen.
with selected as (
    select g.*
    from grants as g
    left join centres as c on c.centre_id = g.centre_id
    where
        ($province is null or c.province = $province)
        and ($centre is null or g.centre_id = $centre)
        and (g.centre_id is not null or ($province is null and $centre is null))
),

final as (
    select
        funder,
        sum(
            funding_in_period(amount_eur, start_on, end_on, $period_start::date, $period_end::date)
        ) as funding_eur,
        count(*) filter (where start_on <= $period_end::date and end_on >= $period_start::date)
            as grants
    from selected
    group by funder
    having grants > 0
)

select * from final order by funding_eur desc
