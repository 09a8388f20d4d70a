-- The moxxy job tracker reads the jobs that have not ended every poll interval: an index keeps that read flat as
-- ended jobs pile up.
create index rm_moxxy_job_active on rm_moxxy_job (active, gen);
