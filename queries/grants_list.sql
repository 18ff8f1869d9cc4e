-- grants_list: every grant with its recipient (a centre's name, city and province; empty for a
-- national grant to the branch organisation), newest first. No parameters.
with final as (
    select
        g.grant_id,
        g.funder,
        g.programme,
        g.centre_id,
        c.name as recipient,
        c.city,
        c.province,
        g.purpose,
        g.amount_eur::double as amount_eur,
        g.start_on,
        g.end_on
    from grants as g
    left join centres as c on c.centre_id = g.centre_id
)

select * from final order by start_on desc, grant_id
