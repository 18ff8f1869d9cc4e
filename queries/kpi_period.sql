-- kpi_period: every count behind the KPIs of the months [$month_from, $month_to] for one place
-- ($province, $centre: null = all; $level/$key the same place for the guest counts), in one
-- row: visits (monthly_centre), survey answers (monthly_surveys), distinct guests and their
-- shares (guest_ranges, for [$guests_from, $guests_to]: the period clamped to the warehouse's
-- months, Warehouse.clamp; comparing constants lets DuckDB skip all but one block), centres
-- open at the end of $month_to with their latest staffing (centre_months at $centre_month, the
-- row that holds that state, Warehouse.centre_month), and the euros per funder in the period
-- (monthly_funding; `funding`, a list of funder and euros).
with visit_months as (
    select
        month,
        sum(visits) as visits,
        sum(visits_female) as visits_female,
        sum(visits_male) as visits_male,
        sum(visits_gender_unknown) as visits_gender_unknown,
        sum(visits_youth_programme) as visits_youth_programme,
        sum(minutes) as minutes,
        sum(minutes_n) as minutes_n
    from monthly_centre
    where
        month between $month_from and $month_to
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
    group by month
),

-- Below the national total ($round_to 5) a period's count is the sum of the place's rounded
-- monthly cells, so periods that overlap say nothing the months do not (nationally, 1: exact).
visit_counts as (
    select coalesce(sum(floor(columns(* exclude (month)) / $round_to + 0.5) * $round_to), 0)::bigint
    from visit_months
),

survey_cells as (
    select
        date_trunc('quarter', month) as quarter,
        sum(columns(* exclude (province, centre_id, month)))
    from monthly_surveys
    where
        month between $survey_from and $survey_to
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
    group by quarter
),

-- Survey answers by calendar quarter ($survey_from/$survey_to: whole quarters below the
-- national total, Filters.survey_months), rounded per quarter below it; `<count>__exact` the
-- exact sums.
survey_counts as (
    select
        coalesce(sum(floor(columns(* exclude (quarter)) / $round_to + 0.5) * $round_to), 0)::bigint,
        -- the exact sums decide only what is hidden (fewer than 10 answers)
        coalesce(sum(columns(* exclude (quarter))), 0)::bigint as '\0__exact'
    from survey_cells
),

guest_counts as (
    select * exclude (level, key, m_from, m_to)
    from guest_ranges
    where
        level = $level
        and key = $key
        and m_from = $guests_from
        and m_to = $guests_to
),

centre_counts as (
    select
        count(*) filter (where is_open) as centres,
        count(*) filter (where has_coordinator) as paid_coordinators,
        coalesce(sum(volunteers) filter (where is_open), 0)::bigint as volunteers,
        coalesce(sum(paid_fte) filter (where is_open), 0)::double as paid_fte,
        max(staffing_year) filter (where is_open) as staffing_year
    from centre_months
    where
        month = $centre_month
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
),

-- National grants (no centre) count only when no province or centre is chosen.
funded as (
    select
        funder,
        sum(funding_eur) as funding_eur
    from monthly_funding
    where
        month between $month_from and $month_to
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
        and (centre_id is not null or ($province is null and $centre is null))
    group by funder
),

funding_list as (
    select list(struct_pack(funder, funding_eur) order by funding_eur desc)
        as funding
    from funded
),

final as (
    select *
    from visit_counts
    cross join survey_counts
    left join guest_counts on true
    cross join centre_counts
    cross join funding_list
)

select * from final
