-- centre_places: each centre's place in the places table (the same name in the same province,
-- else the nearest place), with its population and urbanisation class: city (100,000 or more
-- inhabitants), town (20,000 to 100,000) or rural (fewer).
create table centre_places as
with candidates as (
    select
        c.centre_id,
        p.name as place,
        p.population,
        (p.name = c.city and p.province = c.province) as same_name,
        power(p.latitude - c.latitude, 2)
        + power((p.longitude - c.longitude) * cos(radians(c.latitude)), 2) as distance2
    from centres as c
    cross join places as p
),

final as (
    select
        centre_id,
        place,
        population,
        case
            when population >= 100000 then 'city'
            when population >= 20000 then 'town'
            else 'rural'
        end as urbanisation
    from candidates
    qualify row_number() over (
        partition by centre_id order by same_name desc, distance2, population desc
    ) = 1
)

select * from final order by centre_id;
