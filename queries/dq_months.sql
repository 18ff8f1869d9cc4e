-- dq_months: per month, the rows behind the figures: visits, survey responses, first visits of
-- guests, and how many open centres reported visits; a month where fewer centres reported than
-- were open (or the extract's last, possibly partial month) is marked incomplete.
with open_centres as (
    select m.month, count(c.centre_id) as centres_open
    from months as m
    left join centres as c on date_trunc('month', c.opened_on) <= m.month
    group by m.month
),

visit_counts as (
    select month, sum(visits)::bigint as visits, count(distinct centre_id) as centres_reporting
    from monthly_centre
    group by month
),

surveys as (
    select month, sum(responses)::bigint as survey_responses from monthly_surveys group by month
),

first_visits as (
    select date_trunc('month', first_visit_on)::date as month, count(*) as first_visits
    from guests
    group by all
),

final as (
    select
        m.month,
        coalesce(v.visits, 0) as visits,
        coalesce(s.survey_responses, 0) as survey_responses,
        coalesce(fv.first_visits, 0) as first_visits,
        o.centres_open,
        coalesce(v.centres_reporting, 0) as centres_reporting,
        coalesce(v.centres_reporting, 0) < o.centres_open
        or (
            m.month = (select max(month) from months)
            and (select max(visit_date) from visits) < last_day(m.month)
        ) as incomplete
    from months as m
    left join open_centres as o on o.month = m.month
    left join visit_counts as v on v.month = m.month
    left join surveys as s on s.month = m.month
    left join first_visits as fv on fv.month = m.month
)

select * from final order by month
