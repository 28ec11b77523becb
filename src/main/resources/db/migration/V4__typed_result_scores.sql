-- Results: the report becomes jsonb (read back typed by the application), and what queries sort
-- or filter on gets typed columns, back-filled from the stored reports. Undefined values are JSON
-- null in the report and SQL null here.
alter table result alter column metrics type jsonb using metrics::jsonb;
alter table result add column kappa double precision;
alter table result add column auroc double precision;
update result set
    kappa = case when jsonb_typeof(metrics -> 'overall' -> 'kappa') = 'number'
                 then (metrics -> 'overall' ->> 'kappa')::double precision end,
    auroc = case when jsonb_typeof(metrics -> 'overall' -> 'auroc') = 'number'
                 then (metrics -> 'overall' ->> 'auroc')::double precision end;
