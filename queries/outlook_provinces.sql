-- outlook_provinces: per province, for [$month_from, $month_to]: distinct guests and visits,
-- the volunteers of each open centre's latest staffing year up to year($period_end), the
-- centres with their paid coordinator in post on $period_end, and the population of the
-- province's places; national_guests (the same in every row) counts each guest once, as the
-- Overview does (a guest of centres in two provinces is a guest of both provinces).
with bounds as (
    select
        greatest($month_from::date, min(month)) as m_from,
        least($month_to::date, max(month)) as m_to
    from months
),

guests as (
    select g.key as province, g.guests
    from guest_ranges as g
    inner join bounds as b on g.m_from = b.m_from and g.m_to = b.m_to
    where g.level = 'province'
),

national as (
    select g.guests
    from guest_ranges as g
    inner join bounds as b on g.m_from = b.m_from and g.m_to = b.m_to
    where g.level = 'national'
),

-- a province's visits, exact, and as published: the sum of its monthly cells rounded to
-- $round_to (as kpi_period), so overlapping periods give no single month away
visit_months as (
    select province, month, sum(visits) as visits
    from monthly_centre
    where month between $month_from and $month_to
    group by province, month
),

visits as (
    select
        province,
        sum(visits)::bigint as visits,
        sum(floor(visits / $round_to + 0.5) * $round_to)::bigint as visits_published
    from visit_months
    group by province
),

open_centres as (
    select * from centres where opened_on <= $period_end::date
),

staff as (
    select c.province, s.volunteers
    from staffing as s
    inner join open_centres as c on c.centre_id = s.centre_id
    where s.year <= year($period_end::date)
    qualify row_number() over (partition by s.centre_id order by s.year desc) = 1
),

population as (
    select province, sum(population)::bigint as population from places group by province
),

final as (
    select
        p.province,
        p.population,
        coalesce(g.guests, 0)::bigint as guests,
        coalesce(v.visits, 0)::bigint as visits,
        coalesce(v.visits_published, 0)::bigint as visits_published,
        coalesce((select sum(volunteers) from staff where staff.province = p.province), 0)::bigint
            as volunteers,
        (
            select count(*) from open_centres as c
            where c.province = p.province and c.coordinator_start <= $period_end::date
        ) as coordinators,
        coalesce((select guests from national), 0)::bigint as national_guests
    from population as p
    left join guests as g on g.province = p.province
    left join visits as v on v.province = p.province
)

select * from final order by province
