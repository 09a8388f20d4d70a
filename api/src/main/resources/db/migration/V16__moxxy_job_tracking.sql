-- moxxy job tracking (issue 5): the tracker reads the jobs that have not ended, so the read model says which.
alter table rm_moxxy_job add column active boolean default true not null;
