-- funding_in_period: the euros of a grant that fall in [p_start, p_end]: the amount spread
-- evenly over the grant's days (start_on to end_on, both included), the contract's rule.
-- Stored in the warehouse so every query uses this one definition.
create macro funding_in_period(amount_eur, start_on, end_on, p_start, p_end) as
    case
        when greatest(start_on, p_start) <= least(end_on, p_end)
            then amount_eur::double
            * (date_diff('day', greatest(start_on, p_start), least(end_on, p_end)) + 1)
            / (date_diff('day', start_on, end_on) + 1)
        else 0
    end;
