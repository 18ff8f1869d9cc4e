-- impact_panel: per centre and month, what the event study follows: visits; new guests (guests
-- whose first visit falls in the month, at their home centre) and among them men (of a known
-- gender), youth 0-39 at the first visit (of a known age) and referrals by care providers (GP,
-- specialist or nurse, other care; of a known source); and as a secondary view the same shares
-- among all guests of the month (distinct guests of the centre).
with visits as (
    select centre_id, month, visits from monthly_centre
),

newcomers as (
    select
        centre_id,
        date_trunc('month', first_visit_on)::date as month,
        count(*) as new_guests,
        count(*) filter (where gender = 'male') as new_male,
        count(*) filter (where gender <> 'unknown') as new_gender_known,
        count(*) filter (where year(first_visit_on) - birth_year < 40) as new_youth,
        count(birth_year) as new_age_known,
        count(*) filter (
            where referral_source in ('gp', 'specialist_or_nurse', 'other_care')
        ) as new_care_referrals,
        count(*) filter (where referral_source <> 'unknown') as new_ref_known
    from guests
    group by all
),

all_guests as (
    select
        key as centre_id,
        m_from as month,
        guests,
        male,
        guests - gender_unknown as gender_known,
        age_0_17 + age_18_39 as youth,
        guests - age_unknown as age_known,
        ref_gp + ref_specialist_or_nurse + ref_other_care as care_referrals,
        guests - ref_unknown as ref_known
    from guest_ranges
    where level = 'centre' and m_from = m_to
),

final as (
    select
        c.centre_id,
        m.month,
        coalesce(v.visits, 0) as visits,
        coalesce(columns(n.* exclude (centre_id, month)), 0),
        coalesce(columns(g.* exclude (centre_id, month)), 0)
    from centres as c
    cross join months as m
    left join visits as v on v.centre_id = c.centre_id and v.month = m.month
    left join newcomers as n on n.centre_id = c.centre_id and n.month = m.month
    left join all_guests as g on g.centre_id = c.centre_id and g.month = m.month
)

select * from final order by centre_id, month
