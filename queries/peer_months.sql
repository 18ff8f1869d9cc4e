-- peer_months: per centre of $peer_ids and month from $month_from to $month_to in which it had
-- visits, its visits and distinct guests (exact: disclosure control is applied in Python).
with visits as (
    select centre_id, month, visits
    from monthly_centre
    where list_contains($peer_ids, centre_id) and month between $month_from and $month_to
),

guests as (
    select key as centre_id, m_from as month, guests
    from guest_ranges
    where level = 'centre' and list_contains($peer_ids, key) and m_from = m_to
),

final as (
    select
        v.centre_id,
        v.month,
        v.visits::bigint as visits,
        coalesce(g.guests, 0)::bigint as guests
    from visits as v
    left join guests as g on g.centre_id = v.centre_id and g.month = v.month
)

select * from final order by centre_id, month
