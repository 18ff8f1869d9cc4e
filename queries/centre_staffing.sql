-- centre_staffing: volunteers and paid FTE per year of centre $centre.
select year, volunteers, paid_fte
from staffing
where centre_id = $centre
order by year
