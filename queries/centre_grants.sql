-- centre_grants: every grant centre $centre received, newest first.
select funder, programme, purpose, amount_eur::double as amount_eur, start_on, end_on
from grants
where centre_id = $centre
order by start_on desc, funder
