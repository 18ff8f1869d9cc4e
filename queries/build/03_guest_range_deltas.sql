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
    select
        level,
        key,
        a_hi,
        b_lo,
        b_hi,
        is_new::integer as new_guests,
        (not is_new)::integer as guests,
        (not is_new and gender = 'female')::integer as female,
        (not is_new and gender = 'male')::integer as male,
        (not is_new and gender = 'other')::integer as gender_other,
        (not is_new and gender = 'unknown')::integer as gender_unknown,
        (not is_new and coalesce(age < 18, false))::integer as age_0_17,
        (not is_new and coalesce(age between 18 and 39, false))::integer as age_18_39,
        (not is_new and coalesce(age between 40 and 49, false))::integer as age_40_49,
        (not is_new and coalesce(age >= 50, false))::integer as age_50_plus,
        (not is_new and age is null)::integer as age_unknown,
        -- the population pyramid: age group by gender (women and men)
        (not is_new and gender = 'female' and coalesce(age < 18, false))::integer as f_0_17,
        (not is_new and gender = 'female' and coalesce(age between 18 and 39, false))::integer
            as f_18_39,
        (not is_new and gender = 'female' and coalesce(age between 40 and 49, false))::integer
            as f_40_49,
        (not is_new and gender = 'female' and coalesce(age >= 50, false))::integer as f_50_plus,
        (not is_new and gender = 'male' and coalesce(age < 18, false))::integer as m_0_17,
        (not is_new and gender = 'male' and coalesce(age between 18 and 39, false))::integer
            as m_18_39,
        (not is_new and gender = 'male' and coalesce(age between 40 and 49, false))::integer
            as m_40_49,
        (not is_new and gender = 'male' and coalesce(age >= 50, false))::integer as m_50_plus,
        (not is_new and relation = 'patient')::integer as patient,
        (not is_new and relation = 'relative')::integer as relative,
        (not is_new and relation = 'bereaved')::integer as bereaved,
        (not is_new and referral_source = 'self')::integer as ref_self,
        (not is_new and referral_source = 'relative_or_friend')::integer
            as ref_relative_or_friend,
        (not is_new and referral_source = 'gp')::integer as ref_gp,
        (not is_new and referral_source = 'specialist_or_nurse')::integer
            as ref_specialist_or_nurse,
        (not is_new and referral_source = 'other_care')::integer as ref_other_care,
        (not is_new and referral_source = 'media')::integer as ref_media,
        (not is_new and referral_source = 'unknown')::integer as ref_unknown,
        (not is_new and diagnosis_group = 'breast')::integer as dx_breast,
        (not is_new and diagnosis_group = 'colorectal')::integer as dx_colorectal,
        (not is_new and diagnosis_group = 'lung')::integer as dx_lung,
        (not is_new and diagnosis_group = 'prostate')::integer as dx_prostate,
        (not is_new and diagnosis_group = 'haematological')::integer as dx_haematological,
        (not is_new and diagnosis_group = 'skin')::integer as dx_skin,
        (not is_new and diagnosis_group = 'gynaecological')::integer as dx_gynaecological,
        (not is_new and diagnosis_group = 'head_neck')::integer as dx_head_neck,
        (not is_new and diagnosis_group = 'other')::integer as dx_other,
        (not is_new and diagnosis_group = 'unknown')::integer as dx_unknown,
        (not is_new and treatment_phase = 'diagnosis')::integer as ph_diagnosis,
        (not is_new and treatment_phase = 'treatment')::integer as ph_treatment,
        (not is_new and treatment_phase = 'after_treatment')::integer as ph_after_treatment,
        (not is_new and treatment_phase = 'palliative')::integer as ph_palliative,
        (not is_new and treatment_phase = 'unknown')::integer as ph_unknown
    from rectangles
),

deltas as (
    select level, key, a_hi, b_lo as b, sum(columns(* exclude (level, key, a_hi, b_lo, b_hi)))
    from events
    group by all
    union all
    select level, key, a_hi, b_hi + 1 as b, -sum(columns(* exclude (level, key, a_hi, b_lo, b_hi)))
    from events
    group by all
),

delta_cells as (
    select level, key, a_hi, b, sum(columns(* exclude (level, key, a_hi, b)))
    from deltas
    group by all
)

select * from delta_cells order by level, key, a_hi, b;
