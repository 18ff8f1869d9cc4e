-- kpi_visits: visits in [$month_from, $month_to] for the filter ($province, $centre: null = all).
with selected as (
    select *
    from monthly_centre
    where
        month between $month_from and $month_to
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
),

final as (
    select
        coalesce(sum(visits), 0)::bigint as visits,
        coalesce(sum(visits_female), 0)::bigint as visits_female,
        coalesce(sum(visits_male), 0)::bigint as visits_male,
        coalesce(sum(visits_gender_unknown), 0)::bigint as visits_gender_unknown,
        coalesce(sum(visits_youth_programme), 0)::bigint as visits_youth_programme,
        coalesce(sum(minutes), 0)::bigint as minutes,
        coalesce(sum(minutes_n), 0)::bigint as minutes_n
    from selected
)

select * from final
