-- centre_trend: per month from $month_from to $month_to, the visits and distinct guests of
-- centre $centre (the peers' band comes from peer_months, after disclosure control).
with own as (
    select month, visits
    from monthly_centre
    where centre_id = $centre and month between $month_from and $month_to
),

own_guests as (
    select m_from as month, guests
    from guest_ranges
    where level = 'centre' and key = $centre and m_from = m_to
),

final as (
    select
        m.month,
        coalesce(own.visits, 0)::bigint as visits,
        coalesce(own_guests.guests, 0)::bigint as guests
    from months as m
    left join own on own.month = m.month
    left join own_guests on own_guests.month = m.month
    where m.month between $month_from and $month_to
)

select * from final order by month
