-- monthly_centre: visits per centre and month (additive over centres and months).
create table monthly_centre as
with visit_rows as (
    select
        v.centre_id,
        date_trunc('month', v.visit_date)::date as month,
        v.activity,
        v.duration_min,
        g.gender
    from visits as v
    inner join guests as g on g.guest_id = v.guest_id
),

final as (
    select
        c.province,
        r.centre_id,
        r.month,
        count(*) as visits,
        count(*) filter (where r.gender = 'female') as visits_female,
        count(*) filter (where r.gender = 'male') as visits_male,
        count(*) filter (where r.gender = 'unknown') as visits_gender_unknown,
        count(*) filter (where r.activity = 'youth_programme') as visits_youth_programme,
        sum(r.duration_min) as minutes,
        count(r.duration_min) as minutes_n
    from visit_rows as r
    inner join centres as c on c.centre_id = r.centre_id
    group by all
)

select * from final order by province, centre_id, month;
