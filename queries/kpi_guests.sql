-- kpi_guests: distinct guests (and the counts behind their shares) in [$month_from, $month_to]
-- for one level ('national', 'province', 'centre') and key; read from the pre-counted ranges.
-- The caller clamps the range to the warehouse's months (Warehouse.clamp: outside them there
-- are no visits), so the lookup compares constants and DuckDB skips all but one block.
select *
from guest_ranges
where
    level = $level
    and key = $key
    and m_from = $month_from
    and m_to = $month_to
