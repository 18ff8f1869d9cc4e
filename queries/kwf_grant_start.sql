-- kwf_grant_start: the first day any KWF grant runs (the grant start marked on time charts),
-- and the KWF programme total.
select
    min(start_on) as first_start,
    sum(amount_eur)::double as total_eur
from grants
where funder = 'kwf'
