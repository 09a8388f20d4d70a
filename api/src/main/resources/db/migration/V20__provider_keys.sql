-- Provider keys (issue 7): each user's agent API keys, by the environment variable they are given as. The value is
-- only ever stored sealed (envelope encryption: the ciphertext here, its data key wrapped in secret_key), and written
-- by the subscribing "access-directory" processor with the event, so a key is there for the next attempt at once.
create table acc_provider_key (
    user_id varchar(36) not null,
    name varchar(64) not null,
    key_id varchar(36) not null,
    ciphertext varchar(16000) not null,
    updated_at timestamp(6) with time zone not null,
    constraint pk_acc_provider_key primary key (user_id, name)
);
