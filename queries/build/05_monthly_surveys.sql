-- monthly_surveys: outcome-survey counts per centre and month (additive): for each question the
-- number of non-null answers (_n) and of "yes" answers (_yes); ratings as n, sum and 8 or more.
create table monthly_surveys as
with final as (
    select
        c.province,
        s.centre_id,
        date_trunc('month', s.answered_on)::date as month,
        count(*) as responses,
        count(s.rating) as rating_n,
        sum(s.rating) as rating_sum,
        count(*) filter (where s.rating >= 8) as rating_8plus,
        count(s.quality_of_life_improved) as qol_n,
        count(*) filter (where s.quality_of_life_improved) as qol_yes,
        count(s.daily_functioning_improved) as daily_functioning_n,
        count(*) filter (where s.daily_functioning_improved) as daily_functioning_yes,
        count(s.picked_up_life) as picked_up_life_n,
        count(*) filter (where s.picked_up_life) as picked_up_life_yes,
        count(s.more_energetic) as more_energetic_n,
        count(*) filter (where s.more_energetic) as more_energetic_yes,
        count(s.less_alone) as less_alone_n,
        count(*) filter (where s.less_alone) as less_alone_yes,
        count(s.avoided_care_visit) as avoided_care_n,
        count(*) filter (where s.avoided_care_visit) as avoided_care_yes,
        count(s.back_to_work) as back_to_work_n,
        count(*) filter (where s.back_to_work) as back_to_work_yes
    from surveys as s
    inner join centres as c on c.centre_id = s.centre_id
    group by all
)

select * from final order by province, centre_id, month;
