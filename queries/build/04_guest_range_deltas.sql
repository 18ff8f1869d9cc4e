-- guest_range_deltas (temporary): the input of guest_ranges, the table of distinct guests for
-- every month range [m_from, m_to] at three levels (national, province, centre), with the counts
-- behind every share of guests in the data contract.
-- Why here: distinct guests do not add up over months or centres, so they are counted once for
-- every range at ingest; the table's size depends on months and centres, not on visits.
-- How: a guest counts in a range at the last month of the range in which they visited, which is
-- also where their age is taken (age at the last visit in the period). For a visit month m whose
-- next visit month (at the same key) is n, that is every range with m_from <= m <= m_to < n: a
-- rectangle in (m_from, m_to) whose corners become a +1 and a -1 here; dashboard/warehouse.py
-- sums them with a 2-D prefix sum over the month grid. New guests (first visit in the range) use
-- the same rectangle narrowed by the month of the first visit.
-- Each rectangle is counted in families of categories (dashboard/warehouse.py names them):
--   0 gender x age group (gender code * 5 + age group: 0-17, 18-39, 40-49, 50+, unknown),
--   1 relation, 2 referral source, 3 diagnosis group, 4 treatment phase (each its enum code),
--   5 new guests (code 0).
-- Most guests visit one centre: their months at the province and in the country are their
-- months at that centre, so their stays are computed once (at the centre) and counted at all
-- three keys (kp, kn). Only guests of several centres get stays of their own in the country,
-- and only guests of several provinces in their provinces.

-- Stays at each guest's centres, and whether the guest visits more than one centre or province.
create temp table centre_stays as
with spread as (
    select
        gid,
        min(k_centre) <> max(k_centre) as multi_centre,
        min(k_province) <> max(k_province) as multi_province
    from visit_months
    group by gid
)

select
    v.k_centre as k,
    v.gid,
    v.m,
    v.k_province,
    v.k_national,
    coalesce(
        lead(v.m) over (partition by v.gid, v.k_centre order by v.m),
        (select count(*) from months)
    ) - 1 as b_hi,
    s.multi_centre,
    s.multi_province
from visit_months as v
inner join spread as s on s.gid = v.gid;

-- Every stay once, with the further keys (kp: province, kn: country) it also counts for.
create temp table stays as
with national as (
    select distinct
        gid,
        m,
        k_national as k,
        case when not multi_province then k_province end as kp
    from centre_stays
    where multi_centre
),

province as (
    select distinct
        gid,
        m,
        k_province as k
    from centre_stays
    where multi_province
)

select
    k,
    gid,
    m,
    b_hi,
    case when not multi_centre then k_province end as kp,
    case when not multi_centre then k_national end as kn
from centre_stays
union all
select
    k,
    gid,
    m,
    coalesce(lead(m) over (partition by gid order by m), (select count(*) from months)) - 1,
    kp,
    null
from national
union all
select
    k,
    gid,
    m,
    coalesce(lead(m) over (partition by k, gid order by m), (select count(*) from months)) - 1,
    null,
    null
from province;

drop table centre_stays;

create temp table guest_range_deltas as
with attributes as materialized (
    select
        s.k,
        s.kp,
        s.kn,
        s.m,
        s.b_hi,
        enum_code(g.gender) * 5 + case
            when year(mo.month) - g.birth_year < 0 or g.birth_year is null then 4
            when year(mo.month) - g.birth_year < 18 then 0
            when year(mo.month) - g.birth_year < 40 then 1
            when year(mo.month) - g.birth_year < 50 then 2
            else 3
        end as gender_age,
        enum_code(g.relation) as relation,
        enum_code(g.referral_source) as referral_source,
        enum_code(g.diagnosis_group) as diagnosis_group,
        enum_code(g.treatment_phase) as treatment_phase,
        -- the new-guest rectangle; null when no range of the stay holds the first visit
        -- (greatest() skips nulls, hence the test)
        case
            when g.first_idx is not null and greatest(s.m, g.first_idx) <= s.b_hi
                then least(s.m, g.first_idx)
        end as new_a_hi,
        greatest(s.m, g.first_idx) as new_b_lo
    from stays as s
    inner join guest_codes as g on g.gid = s.gid
    inner join months as mo on mo.month_idx = s.m
),

rectangles as (
    select k, kp, kn, m as a_hi, m as b_lo, b_hi, 0 as family, gender_age as code, count(*) as n
    from attributes group by all
    union all
    select k, kp, kn, m, m, b_hi, 1, relation, count(*) from attributes group by all
    union all
    select k, kp, kn, m, m, b_hi, 2, referral_source, count(*) from attributes group by all
    union all
    select k, kp, kn, m, m, b_hi, 3, diagnosis_group, count(*) from attributes group by all
    union all
    select k, kp, kn, m, m, b_hi, 4, treatment_phase, count(*) from attributes group by all
    union all
    select k, kp, kn, new_a_hi, new_b_lo, b_hi, 5, 0, count(*)
    from attributes
    where new_a_hi is not null
    group by all
),

at_keys as (
    select k, a_hi, b_lo, b_hi, family, code, n from rectangles
    union all
    select kp, a_hi, b_lo, b_hi, family, code, n from rectangles where kp is not null
    union all
    select kn, a_hi, b_lo, b_hi, family, code, n from rectangles where kn is not null
),

deltas as (
    select k, a_hi, b_lo as b, family, code, n from at_keys
    union all
    select k, a_hi, b_hi + 1 as b, family, code, -n as n from at_keys
)

select k, a_hi, b, family, code, sum(n)::bigint as n
from deltas
group by all;

drop table stays;
