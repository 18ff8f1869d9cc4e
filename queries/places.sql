-- places: every Dutch place of the reference table (GeoNames) with its population.
select name, province, latitude, longitude, population
from places
order by population desc
