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
create temp table guest_range_deltas as
with by_level as (
    select k_centre as k, gid, m from visit_months
    union all
    select distinct k_province as k, gid, m from visit_months
    union all
    select distinct k_national as k, gid, m from visit_months
),

stays as (
    select
        k,
        gid,
        m,
        coalesce(
            lead(m) over (partition by k, gid order by m), (select count(*) from months)
        ) - 1 as b_hi
    from by_level
),

attributes as materialized (
    select
        s.k,
        s.m,
        s.b_hi,
        g.first_idx,
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
        enum_code(g.treatment_phase) as treatment_phase
    from stays as s
    inner join guest_codes as g on g.gid = s.gid
    inner join months as mo on mo.month_idx = s.m
),

rectangles as (
    select k, m as a_hi, m as b_lo, b_hi, 0 as family, gender_age as code, count(*) as n
    from attributes group by all
    union all
    select k, m, m, b_hi, 1, relation, count(*) from attributes group by all
    union all
    select k, m, m, b_hi, 2, referral_source, count(*) from attributes group by all
    union all
    select k, m, m, b_hi, 3, diagnosis_group, count(*) from attributes group by all
    union all
    select k, m, m, b_hi, 4, treatment_phase, count(*) from attributes group by all
    union all
    select k, least(m, first_idx), greatest(m, first_idx), b_hi, 5, 0, count(*)
    from attributes
    where first_idx is not null and greatest(m, first_idx) <= b_hi
    group by all
),

deltas as (
    select k, a_hi, b_lo as b, family, code, n from rectangles
    union all
    select k, a_hi, b_hi + 1 as b, family, code, -n as n from rectangles
)

select k, a_hi, b, family, code, sum(n)::bigint as n
from deltas
group by all;
