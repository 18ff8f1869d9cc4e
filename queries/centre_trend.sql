-- centre_trend: per month from $month_from to $month_to, the visits and distinct guests of
-- centre $centre, and the median and 25-75% band of its peers' ($peer_ids) published monthly
-- visits: each peer's visits rounded to a multiple of $round_to (halves up), only peers with at
-- least $min_count guests that month, and only in months with at least $min_peers such peers
-- (dashboard/metrics/disclosure.py holds the three parameters).
with peer_published as (
    select
        v.month,
        floor(v.visits / $round_to + 0.5) * $round_to as visits
    from monthly_centre as v
    inner join guest_ranges as g
        on
            g.level = 'centre'
            and g.key = v.centre_id
            and g.m_from = v.month
            and g.m_to = v.month
    where
        list_contains($peer_ids, v.centre_id)
        and v.month between $month_from and $month_to
        and g.guests >= $min_count
),

peer as (
    select
        month,
        count(*) as peers,
        median(visits) as peer_median,
        quantile_cont(visits, 0.25) as peer_p25,
        quantile_cont(visits, 0.75) as peer_p75
    from peer_published
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
        case when peer.peers >= $min_peers then peer.peer_median end as peer_median,
        case when peer.peers >= $min_peers then peer.peer_p25 end as peer_p25,
        case when peer.peers >= $min_peers then peer.peer_p75 end as peer_p75,
        coalesce(peer.peers, 0)::bigint as peers
    from months as m
    left join own on own.month = m.month
    left join own_guests on own_guests.month = m.month
    left join peer on peer.month = m.month
    where m.month between $month_from and $month_to
)

select * from final order by month
