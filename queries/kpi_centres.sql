-- kpi_centres: centres open on $period_end, how many have their paid coordinator in post, and
-- the volunteers and paid FTE of each centre's latest staffing year up to year($period_end).
with open_centres as (
    select *
    from centres
    where
        opened_on <= $period_end
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
),

latest_staffing as (
    select s.*
    from staffing as s
    inner join open_centres as c on c.centre_id = s.centre_id
    where s.year <= year($period_end)
    qualify row_number() over (partition by s.centre_id order by s.year desc) = 1
),

final as (
    select
        (select count(*) from open_centres) as centres,
        (
            select count(*) from open_centres where coordinator_start <= $period_end
        ) as paid_coordinators,
        (select coalesce(sum(volunteers), 0) from latest_staffing)::bigint as volunteers,
        (select coalesce(sum(paid_fte), 0) from latest_staffing)::double as paid_fte,
        (select max(year) from latest_staffing) as staffing_year
)

select * from final
