-- kpi_surveys: outcome-survey counts in [$month_from, $month_to] for the filter
-- ($province, $centre: null = all): per question the non-null answers (_n) and the yes answers.
with selected as (
    select *
    from monthly_surveys
    where
        month between $month_from and $month_to
        and ($province is null or province = $province)
        and ($centre is null or centre_id = $centre)
),

final as (
    select
        coalesce(sum(columns(* exclude (province, centre_id, month))), 0)::bigint
    from selected
)

select * from final
