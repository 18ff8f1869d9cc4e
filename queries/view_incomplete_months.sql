-- view_incomplete_months: the months whose data is incomplete for one view ($province, $centre;
-- null for all): fewer of the view's open centres reported visits than were open, or the
-- extract's last, possibly partial month. Time charts mark only these, so one centre's gap is
-- not drawn on another province's or centre's chart.
with view_centres as (
    select centre_id, opened_on
    from centres
    where
        ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
),

open_centres as (
    select m.month, count(c.centre_id) as centres_open
    from months as m
    left join view_centres as c on date_trunc('month', c.opened_on) <= m.month
    group by m.month
),

reporting as (
    select month, count(distinct centre_id) as centres_reporting
    from monthly_centre
    where centre_id in (select centre_id from view_centres)
    group by month
),

final as (
    select m.month
    from months as m
    left join open_centres as o on o.month = m.month
    left join reporting as r on r.month = m.month
    where
        coalesce(r.centres_reporting, 0) < o.centres_open
        or (
            m.month = (select max(month) from months)
            and (select max(visit_date) from visits) < last_day(m.month)
        )
)

select * from final order by month
