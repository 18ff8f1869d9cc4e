-- funding_programme: per funder and programme, the total committed, how much goes to centres
-- and how much is national (branch organisation and other national grants), with grant counts.
select
    funder,
    programme,
    sum(amount_eur)::double as total_eur,
    coalesce(sum(amount_eur) filter (where centre_id is not null), 0)::double as to_centres_eur,
    coalesce(sum(amount_eur) filter (where centre_id is null), 0)::double as national_eur,
    count(*) as grants,
    count(distinct centre_id) as centres_funded,
    min(start_on) as first_start,
    max(end_on) as last_end
from grants
group by all
order by total_eur desc
