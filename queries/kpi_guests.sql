-- kpi_guests: distinct guests (and the counts behind their shares) in [$month_from, $month_to]
-- for one level ('national', 'province', 'centre') and key; read from the pre-counted ranges.
-- Months outside the data hold no visits, so the range is clamped to the months table.
with bounds as (
    select
        greatest($month_from::date, min(month)) as m_from,
        least($month_to::date, max(month)) as m_to
    from months
)

select g.*
from guest_ranges as g
inner join bounds as b on g.m_from = b.m_from and g.m_to = b.m_to
where
    g.level = $level
    and g.key = $key
