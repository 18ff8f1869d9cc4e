-- catalog_months: the months the warehouse has visits for (the valid values of the period filter).
select month from months order by month
