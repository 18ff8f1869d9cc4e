-- visit_months (temporary): visits per guest, centre and month, the one pass over the visits
-- that every visit roll-up starts from (14 million visits at 10x become about 5 million rows).
-- Guests, centres and months are numbered so that the roll-ups group small integers, not ids:
--   range_keys   the keys guest_ranges is counted for (k): national, each province, each centre;
--   centre_codes each centre's own k and its province's k;
--   guest_codes  a number per guest (gid), the month index of the first visit, and the guest's
--                categories as the enum types the build defines from the data contract.
create temp table range_keys as
select
    (row_number() over (order by level_order, key) - 1)::smallint as k,
    level,
    key
from (
    select 0 as level_order, 'national' as level, 'NL' as key
    union all
    select distinct 1 as level_order, 'province' as level, province as key from centres
    union all
    select 2 as level_order, 'centre' as level, centre_id as key from centres
);

create temp table centre_codes as
select
    c.centre_id,
    c.province,
    kc.k as k_centre,
    kp.k as k_province,
    kn.k as k_national
from centres as c
inner join range_keys as kc on kc.level = 'centre' and kc.key = c.centre_id
inner join range_keys as kp on kp.level = 'province' and kp.key = c.province
inner join range_keys as kn on kn.level = 'national';

create temp table guest_codes as
with first_month as (
    select min(month) as month, count(*) as months from months
)

select
    g.guest_id,
    (row_number() over ())::integer as gid,
    g.birth_year,
    -- null when the first visit falls before the months of the extract (not new in any range)
    case
        when date_diff('month', f.month, g.first_visit_on) between 0 and f.months - 1
            then date_diff('month', f.month, g.first_visit_on)
    end::smallint as first_idx,
    g.gender::gender_code as gender,
    g.relation::relation_code as relation,
    g.referral_source::referral_code as referral_source,
    coalesce(g.diagnosis_group, 'unknown')::diagnosis_code as diagnosis_group,
    coalesce(g.treatment_phase, 'unknown')::phase_code as treatment_phase
from guests as g
cross join first_month as f;

create temp table visit_months as
with first_month as (
    select min(month) as month from months
)

select
    g.gid,
    c.k_centre,
    c.k_province,
    c.k_national,
    date_diff('month', f.month, v.visit_date)::smallint as m,
    count(*) as visits,
    count(*) filter (where v.activity = 'youth_programme') as visits_youth_programme,
    sum(v.duration_min) as minutes,
    count(v.duration_min) as minutes_n
from visits as v
inner join guest_codes as g on g.guest_id = v.guest_id
inner join centre_codes as c on c.centre_id = v.centre_id
cross join first_month as f
group by all;
