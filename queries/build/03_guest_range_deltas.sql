-- guest_range_deltas: the input of guest_ranges, the table of distinct guests for every month
-- range [m_from, m_to] at three levels (national, province, centre), with the counts behind
-- every share of guests in the data contract.
-- Why here: distinct guests do not add up over months or centres, so they are counted once for
-- every range at ingest; the table's size depends on months and centres, not on visits.
-- How: a guest counts in a range at the last month of the range in which they visited, which is
-- also where their age is taken (age at the last visit in the period). For a visit month m whose
-- next visit month is n, that is every range with m_from <= m <= m_to < n: a rectangle in
-- (m_from, m_to). Rectangles become +1/-1 deltas here; dashboard/warehouse.py sums them with a
-- 2-D prefix sum over the month grid (numpy does that in milliseconds, SQL windows in seconds).
-- New guests (first_visit_on in the range) use the same rectangle narrowed by the first month.
create temp table guest_range_deltas as
with visit_months as (
    select distinct
        v.guest_id,
        v.centre_id,
        c.province,
        date_trunc('month', v.visit_date)::date as month
    from visits as v
    inner join centres as c on c.centre_id = v.centre_id
),

by_level as (
    select distinct 'national' as level, 'NL' as key, guest_id, month from visit_months
    union all
    select distinct 'province' as level, province as key, guest_id, month from visit_months
    union all
    select 'centre' as level, centre_id as key, guest_id, month from visit_months
),

last_idx as (
    select max(month_idx) as last_idx from months
),

stays as (
    select
        b.level,
        b.key,
        b.guest_id,
        m.month_idx as m,
        m.month,
        coalesce(
            lead(m.month_idx) over (
                partition by b.level, b.key, b.guest_id order by m.month_idx
            ),
            (select last_idx + 1 from last_idx)
        ) - 1 as b_hi
    from by_level as b
    inner join months as m on m.month = b.month
),

attributes as (
    select
        s.level,
        s.key,
        s.m,
        s.b_hi,
        f.month_idx as first_idx,
        case when year(s.month) - g.birth_year >= 0 then year(s.month) - g.birth_year end as age,
        g.gender,
        g.relation,
        g.referral_source,
        coalesce(g.diagnosis_group, 'unknown') as diagnosis_group,
        coalesce(g.treatment_phase, 'unknown') as treatment_phase
    from stays as s
    inner join guests as g on g.guest_id = s.guest_id
    left join months as f on f.month = date_trunc('month', g.first_visit_on)::date
),

-- Two kinds of rectangle: one per stay counts the guest and their attributes; one per stay
-- whose range also holds the guest's first visit month counts a new guest.
rectangles as (
    select level, key, m as a_hi, m as b_lo, b_hi, false as is_new, * exclude (
        level, key, m, b_hi, first_idx
    )
    from attributes
    union all
    select
        level,
        key,
        least(m, first_idx) as a_hi,
        greatest(m, first_idx) as b_lo,
        b_hi,
        true as is_new,
        * exclude (level, key, m, b_hi, first_idx)
    from attributes
    where first_idx is not null and greatest(m, first_idx) <= b_hi
),

events as (
    -- one row per rectangle shape: far fewer rows than guests, so the deltas below are cheap
    select
        level,
        key,
        a_hi,
        b_lo,
        b_hi,
        count(*) filter (where is_new) as new_guests,
        count(*) filter (where not is_new) as guests,
        count(*) filter (where not is_new and gender = 'female') as female,
        count(*) filter (where not is_new and gender = 'male') as male,
        count(*) filter (where not is_new and gender = 'other') as gender_other,
        count(*) filter (where not is_new and gender = 'unknown') as gender_unknown,
        count(*) filter (where not is_new and coalesce(age < 18, false)) as age_0_17,
        count(*) filter (where not is_new and coalesce(age between 18 and 39, false)) as age_18_39,
        count(*) filter (where not is_new and coalesce(age between 40 and 49, false)) as age_40_49,
        count(*) filter (where not is_new and coalesce(age >= 50, false)) as age_50_plus,
        count(*) filter (where not is_new and age is null) as age_unknown,
        -- the population pyramid: age group by gender (women and men)
        count(*) filter (where not is_new and gender = 'female' and coalesce(age < 18, false)) as f_0_17,
        count(*) filter (where not is_new and gender = 'female' and coalesce(age between 18 and 39, false))
            as f_18_39,
        count(*) filter (where not is_new and gender = 'female' and coalesce(age between 40 and 49, false))
            as f_40_49,
        count(*) filter (where not is_new and gender = 'female' and coalesce(age >= 50, false)) as f_50_plus,
        count(*) filter (where not is_new and gender = 'male' and coalesce(age < 18, false)) as m_0_17,
        count(*) filter (where not is_new and gender = 'male' and coalesce(age between 18 and 39, false))
            as m_18_39,
        count(*) filter (where not is_new and gender = 'male' and coalesce(age between 40 and 49, false))
            as m_40_49,
        count(*) filter (where not is_new and gender = 'male' and coalesce(age >= 50, false)) as m_50_plus,
        count(*) filter (where not is_new and relation = 'patient') as patient,
        count(*) filter (where not is_new and relation = 'relative') as relative,
        count(*) filter (where not is_new and relation = 'bereaved') as bereaved,
        count(*) filter (where not is_new and referral_source = 'self') as ref_self,
        count(*) filter (where not is_new and referral_source = 'relative_or_friend')
            as ref_relative_or_friend,
        count(*) filter (where not is_new and referral_source = 'gp') as ref_gp,
        count(*) filter (where not is_new and referral_source = 'specialist_or_nurse')
            as ref_specialist_or_nurse,
        count(*) filter (where not is_new and referral_source = 'other_care') as ref_other_care,
        count(*) filter (where not is_new and referral_source = 'media') as ref_media,
        count(*) filter (where not is_new and referral_source = 'unknown') as ref_unknown,
        count(*) filter (where not is_new and diagnosis_group = 'breast') as dx_breast,
        count(*) filter (where not is_new and diagnosis_group = 'colorectal') as dx_colorectal,
        count(*) filter (where not is_new and diagnosis_group = 'lung') as dx_lung,
        count(*) filter (where not is_new and diagnosis_group = 'prostate') as dx_prostate,
        count(*) filter (where not is_new and diagnosis_group = 'haematological') as dx_haematological,
        count(*) filter (where not is_new and diagnosis_group = 'skin') as dx_skin,
        count(*) filter (where not is_new and diagnosis_group = 'gynaecological') as dx_gynaecological,
        count(*) filter (where not is_new and diagnosis_group = 'head_neck') as dx_head_neck,
        count(*) filter (where not is_new and diagnosis_group = 'other') as dx_other,
        count(*) filter (where not is_new and diagnosis_group = 'unknown') as dx_unknown,
        count(*) filter (where not is_new and treatment_phase = 'diagnosis') as ph_diagnosis,
        count(*) filter (where not is_new and treatment_phase = 'treatment') as ph_treatment,
        count(*) filter (where not is_new and treatment_phase = 'after_treatment') as ph_after_treatment,
        count(*) filter (where not is_new and treatment_phase = 'palliative') as ph_palliative,
        count(*) filter (where not is_new and treatment_phase = 'unknown') as ph_unknown
    from rectangles
    group by all
),

deltas as (
    select
        level, key, a_hi, b_lo as b,
        sum(columns(* exclude (level, key, a_hi, b_lo, b_hi)))::bigint
    from events
    group by all
    union all
    select
        level, key, a_hi, b_hi + 1 as b,
        -sum(columns(* exclude (level, key, a_hi, b_lo, b_hi)))::bigint
    from events
    group by all
),

delta_cells as (
    select level, key, a_hi, b, sum(columns(* exclude (level, key, a_hi, b)))::bigint
    from deltas
    group by all
)

select * from delta_cells order by level, key, a_hi, b;
