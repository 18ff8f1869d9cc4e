-- impact_panel: per centre and month, the counts the event study follows: visits, distinct
-- guests, new guests, men among guests with a known gender, youth (0-39) among guests with a
-- known age, and referrals by care providers (GP, specialist or nurse, other care) among guests
-- with a known referral source.
with visits as (
    select centre_id, month, visits from monthly_centre
),

guests as (
    select
        key as centre_id,
        m_from as month,
        guests,
        new_guests,
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
        coalesce(columns(g.* exclude (centre_id, month)), 0)
    from centres as c
    cross join months as m
    left join visits as v on v.centre_id = c.centre_id and v.month = m.month
    left join guests as g on g.centre_id = c.centre_id and g.month = m.month
)

select * from final order by centre_id, month
