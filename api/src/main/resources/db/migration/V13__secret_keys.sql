-- Secrets (issue 5): the data key of each secret, wrapped by the master key (which is never in the database).
-- Destroying a secret nulls its wrapped key and records when (crypto-shredding): what was sealed with it can no
-- longer be opened, and the row tells why.
create table secret_key (
    key_id varchar(36) not null,
    wrapped_key ${binary},
    created_at timestamp(6) with time zone not null,
    destroyed_at timestamp(6) with time zone,
    constraint pk_secret_key primary key (key_id)
);
