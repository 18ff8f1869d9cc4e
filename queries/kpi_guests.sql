-- kpi_guests: distinct guests (and the counts behind their shares) in [$month_from, $month_to]
-- for one level ('national', 'province', 'centre') and key; read from the pre-counted ranges.
select *
from guest_ranges
where
    level = $level
    and key = $key
    and m_from = $month_from
    and m_to = $month_to
