-- moxxy jobs (issue 5): the jobs started from the boards, in the "moxxy" projection's read model (data: the JSON the
-- API answers).
create table rm_moxxy_job (
    gen integer not null,
    job_id varchar(36) not null,
    project_id varchar(36) not null,
    data ${text} not null,
    constraint pk_rm_moxxy_job primary key (job_id, gen)
);
