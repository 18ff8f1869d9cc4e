-- centre_windows: per centre, the distinct guests of the months [$month_from, $month_to] and
-- the counts behind their shares (men among a known gender, youth 0-39 among a known age,
-- referrals by care providers among a known source), read from the pre-counted ranges.
with final as (
    select
        key as centre_id,
        guests,
        male,
        guests - gender_unknown as gender_known,
        age_0_17 + age_18_39 as youth,
        guests - age_unknown as age_known,
        ref_gp + ref_specialist_or_nurse + ref_other_care as care_referrals,
        guests - ref_unknown as ref_known
    from guest_ranges
    where level = 'centre' and m_from = $month_from and m_to = $month_to
)

select * from final order by centre_id
