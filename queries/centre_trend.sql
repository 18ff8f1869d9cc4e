-- centre_trend: per month from $month_from to $month_to, the visits and distinct guests of
-- centre $centre, and the median and 25-75% band of the monthly visits of its peers
-- ($peer_ids; a peer counts in the months it had visits).
with peer as (
    select
        month,
        median(visits) as peer_median,
        quantile_cont(visits, 0.25) as peer_p25,
        quantile_cont(visits, 0.75) as peer_p75,
        count(*) as peers
    from monthly_centre
    where list_contains($peer_ids, centre_id) and month between $month_from and $month_to
    group by month
),

own as (
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
        coalesce(own_guests.guests, 0)::bigint as guests,
        peer.peer_median,
        peer.peer_p25,
        peer.peer_p75,
        coalesce(peer.peers, 0) as peers
    from months as m
    left join own on own.month = m.month
    left join own_guests on own_guests.month = m.month
    left join peer on peer.month = m.month
    where m.month between $month_from and $month_to
)

select * from final order by month
