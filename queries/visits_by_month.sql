-- visits_by_month: visits and distinct guests per month from $month_from to $month_to for the
-- filter ($province, $centre) and the matching guest level/key.
with visits_month as (
    select month, sum(visits)::bigint as visits
    from monthly_centre
    where
        month between $month_from and $month_to
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
    group by month
),

guests_month as (
    select m_from as month, guests, new_guests
    from guest_ranges
    where
        level = $level
        and key = $key
        and m_from = m_to
        and m_from between $month_from and $month_to
),

final as (
    select
        m.month,
        coalesce(v.visits, 0)::bigint as visits,
        coalesce(g.guests, 0)::bigint as guests,
        coalesce(g.new_guests, 0)::bigint as new_guests
    from months as m
    left join visits_month as v on v.month = m.month
    left join guests_month as g on g.month = m.month
    where m.month between $month_from and $month_to
)

select * from final order by month
