-- moxxy connections (issue 5): the read model of the "moxxy" projection. The sealed token (its data key's id and the
-- ciphertext, never the plaintext) sits in columns of its own, out of the JSON the API answers.
create table rm_moxxy_connection (
    gen integer not null,
    connection_id varchar(36) not null,
    owner varchar(200) not null,
    token_key_id varchar(36),
    token_ciphertext ${text},
    data ${text} not null,
    constraint pk_rm_moxxy_connection primary key (connection_id, gen)
);
insert into projection_generation (name, serving_gen, writing_gen) values ('moxxy', 1, 1);
