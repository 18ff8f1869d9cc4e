-- kpi_new_before_data: guests with a visit in [$period_start, $period_end] at the filter's
-- centres ($province, $centre: null = all) whose first visit falls in [$period_start,
-- $first_month): new in a period that starts before the data, which the roll-ups cannot count
-- as new (their first visit precedes the months of the extract).
with new_before as (
    select distinct v.guest_id
    from visits as v
    inner join guests as g on g.guest_id = v.guest_id
    inner join centres as c on c.centre_id = v.centre_id
    where
        v.visit_date between $period_start and $period_end
        and g.first_visit_on >= $period_start
        and g.first_visit_on < $first_month
        and ($province is null or c.province = $province)
        and ($centre is null or c.centre_id = $centre)
),

final as (
    select count(*) as new_guests from new_before
)

select * from final
