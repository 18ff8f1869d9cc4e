-- monthly_centre: visits per centre and month (additive over centres and months).
create table monthly_centre as
with final as (
    select
        c.province,
        c.centre_id,
        m.month,
        sum(v.visits)::bigint as visits,
        coalesce(sum(v.visits) filter (where g.gender = 'female'), 0)::bigint as visits_female,
        coalesce(sum(v.visits) filter (where g.gender = 'male'), 0)::bigint as visits_male,
        coalesce(sum(v.visits) filter (where g.gender = 'unknown'), 0)::bigint as visits_gender_unknown,
        sum(v.visits_youth_programme)::bigint as visits_youth_programme,
        sum(v.minutes)::hugeint as minutes,
        sum(v.minutes_n)::bigint as minutes_n
    from visit_months as v
    inner join guest_codes as g on g.gid = v.gid
    inner join centre_codes as c on c.k_centre = v.k_centre
    inner join months as m on m.month_idx = v.m
    group by all
)

select * from final order by province, centre_id, month;
