-- centre_kpis: one row per centre with the count columns of every KPI in
-- [$month_from, $month_to] (named as kpi_period names them), published as kpi_period does below
-- the national total: visits as sums of the centre's monthly cells rounded to $round_to,
-- survey answers as sums of its rounded cells of the whole calendar quarters
-- [$survey_from, $survey_to] (Filters.survey_months), so overlapping periods give nothing the
-- cells do not; the
-- funding falling in [$period_start, $period_end], and the peer-group attributes: province,
-- urbanisation, population of the place, size band (tertile of visits: 1 small, 3 large),
-- and the centre's coordinates. The guest counts are those of [$guests_from, $guests_to]: the
-- period clamped to the warehouse's months (Warehouse.clamp), compared as constants so DuckDB
-- reads only the blocks of guest_ranges that hold that range.
with v as (
    select
        centre_id,
        sum(floor(columns(* exclude (province, centre_id, month)) / $round_to + 0.5) * $round_to)
            ::bigint
    from monthly_centre
    where month between $month_from and $month_to
    group by centre_id
),

g as (
    select r.key as centre_id, r.* exclude (level, key, m_from, m_to)
    from guest_ranges as r
    where r.level = 'centre' and r.m_from = $guests_from and r.m_to = $guests_to
),

s_quarters as (
    select
        centre_id,
        date_trunc('quarter', month) as quarter,
        sum(columns(* exclude (province, centre_id, month)))
    from monthly_surveys
    where month between $survey_from and $survey_to
    group by centre_id, quarter
),

s as (
    select
        centre_id,
        sum(floor(columns(* exclude (centre_id, quarter)) / $round_to + 0.5) * $round_to)::bigint,
        -- the exact sums decide only what is hidden (fewer than 10 answers)
        sum(columns(* exclude (centre_id, quarter)))::bigint as '\0__exact'
    from s_quarters
    group by centre_id
),

f as (
    select
        centre_id,
        sum(
            funding_in_period(amount_eur, start_on, end_on, $period_start::date, $period_end::date)
        ) as funding_eur
    from grants
    where centre_id is not null
    group by centre_id
),

final as (
    select
        c.centre_id,
        c.name,
        c.city,
        c.province,
        c.opened_on,
        c.coordinator_start,
        c.latitude,
        c.longitude,
        p.population,
        p.urbanisation,
        coalesce(columns(v.* exclude (centre_id)), 0),
        coalesce(columns(g.* exclude (centre_id)), 0),
        coalesce(columns(s.* exclude (centre_id)), 0),
        coalesce(f.funding_eur, 0) as funding_eur,
        ntile(3) over (order by coalesce(v.visits, 0), c.centre_id) as size_band
    from centres as c
    left join centre_places as p on p.centre_id = c.centre_id
    left join v on v.centre_id = c.centre_id
    left join g on g.centre_id = c.centre_id
    left join s on s.centre_id = c.centre_id
    left join f on f.centre_id = c.centre_id
    where c.opened_on <= $period_end::date
)

select * from final order by name
