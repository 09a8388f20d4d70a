-- Sign-in with GitHub or an OIDC provider (issue 7). An account made by a provider's sign-in has no password: the
-- password sign-in refuses it. acc_identity says which account an identity (the provider's registration id on this
-- server and its subject for the person) signs in as; written by the subscribing "access-directory" processor.
alter table acc_user alter column password_hash drop not null;
create table acc_identity (
    registration_id varchar(200) not null,
    subject varchar(200) not null,
    user_id varchar(36) not null,
    constraint pk_acc_identity primary key (registration_id, subject)
);
create index acc_identity_user on acc_identity (user_id);
