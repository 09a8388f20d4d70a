-- Accounts, credentials and teams (issue 7). Written by the subscribing "access-directory" processor in the unit of
-- work that stores the account and team events, so a sign-in works and a revoked token stops working the moment the
-- command answers. Secrets are stored only as hashes: the password's Argon2id, the SHA-256 of tokens and session
-- cookies.
create table acc_user (
    user_id varchar(36) not null,
    username varchar(40) not null,
    display_name varchar(200) not null,
    password_hash varchar(500) not null,
    is_admin boolean not null,
    created_at timestamp(6) with time zone not null,
    constraint pk_acc_user primary key (user_id),
    constraint uq_acc_user_username unique (username)
);
-- A credential is a personal API token or a browser session (kind token|session); credential_id is the token's or
-- the session's id, last_used_at is written at most once a minute by the API (not an event).
create table acc_credential (
    credential_id varchar(36) not null,
    user_id varchar(36) not null,
    kind varchar(10) not null,
    name varchar(200),
    secret_hash varchar(100) not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone,
    last_used_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    constraint pk_acc_credential primary key (credential_id),
    constraint uq_acc_credential_secret unique (secret_hash)
);
create index acc_credential_user on acc_credential (user_id, kind);
create table acc_team (
    team_id varchar(36) not null,
    name varchar(200) not null,
    created_at timestamp(6) with time zone not null,
    constraint pk_acc_team primary key (team_id)
);
create table acc_team_member (
    team_id varchar(36) not null,
    user_id varchar(36) not null,
    role varchar(10) not null,
    constraint pk_acc_team_member primary key (team_id, user_id)
);
create index acc_team_member_user on acc_team_member (user_id);
