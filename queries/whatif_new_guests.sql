-- whatif_new_guests: for the referral what-if, among guests of the filter's centres (home
-- centre; $province, $centre: null = all): new guests whose first visit falls in [$month_from,
-- $month_to], how many of them a care provider referred (GP, specialist or nurse, other care) and
-- how many have a known source; and the latest twelve months of new guests that have twelve months
-- of data after their first visit: their number and their visits in those twelve months (the month
-- of the first visit and the eleven after it, at any centre).
with last_month as (
    select max(month) as m from months
),

home as (
    select
        g.guest_id,
        g.referral_source,
        date_trunc('month', g.first_visit_on)::date as first_month
    from guests as g
    inner join centres as c on c.centre_id = g.centre_id
    where
        ($province is null or c.province = $province)
        and ($centre is null or c.centre_id = $centre)
),

period_months as (
    select
        first_month,
        count(*) as new_guests,
        count(*) filter (
            where referral_source in ('gp', 'specialist_or_nurse', 'other_care')
        ) as new_care_referrals,
        count(*) filter (where referral_source <> 'unknown') as new_ref_known
    from home
    where first_month between $month_from and $month_to
    group by first_month
),

-- A guest is new in one month: below the national total ($round_to 5) the period's counts are
-- sums of rounded monthly cells (as kpi_period's visits), so rolling windows give no month
-- away; the exact sums (`_exact`) only decide what is hidden.
period as (
    select
        coalesce(sum(floor(new_guests / $round_to + 0.5) * $round_to), 0)::bigint as new_guests,
        coalesce(sum(floor(new_care_referrals / $round_to + 0.5) * $round_to), 0)::bigint
            as new_care_referrals,
        coalesce(sum(floor(new_ref_known / $round_to + 0.5) * $round_to), 0)::bigint
            as new_ref_known,
        coalesce(sum(new_guests), 0)::bigint as new_guests_exact,
        coalesce(sum(new_ref_known), 0)::bigint as new_ref_known_exact
    from period_months
),

cohort as (
    select h.guest_id, h.first_month
    from home as h
    cross join last_month as l
    where h.first_month between l.m - interval 23 month and l.m - interval 12 month
),

window_visits as (
    -- only the two years the cohort's first years span (a range the storage can skip by)
    select v.guest_id, v.visit_id, v.visit_date
    from visits as v
    cross join last_month as l
    where v.visit_date >= l.m - interval 23 month and v.visit_date < l.m + interval 1 month
),

cohort_visits as (
    select
        count(distinct c.guest_id) as cohort_guests,
        count(v.visit_id) as cohort_visits,
        min(c.first_month) as cohort_from,
        max(c.first_month) as cohort_to
    from cohort as c
    left join window_visits as v
        on
            v.guest_id = c.guest_id
            and v.visit_date >= c.first_month
            and v.visit_date < c.first_month + interval 12 month
),

final as (
    select * from period cross join cohort_visits
)

select * from final
