-- catalog_centres: every centre with its province and dates (the valid values of the centre filter).
select
    centre_id,
    name,
    city,
    province,
    latitude,
    longitude,
    opened_on,
    coordinator_start
from centres
order by name
