-- funding_by_funder: euros per funder falling in [$period_start, $period_end] (each grant spread
-- evenly over its days, start_on to end_on inclusive). National grants (no centre) count only
-- when no province or centre is chosen.
with selected as (
    select
        g.*,
        greatest(g.start_on, $period_start::date) as overlap_start,
        least(g.end_on, $period_end::date) as overlap_end
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
            amount_eur::double * (date_diff('day', overlap_start, overlap_end) + 1)
            / (date_diff('day', start_on, end_on) + 1)
        ) as funding_eur,
        count(*) as grants
    from selected
    where overlap_start <= overlap_end
    group by funder
)

select * from final order by funding_eur desc
