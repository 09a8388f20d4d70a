-- An administrator can shut an account out (issue 7): a disabled account's credentials are refused and it cannot sign
-- in; its sessions and tokens are also revoked by events, so enabling it again does not bring them back.
alter table acc_user add column disabled boolean default false not null;
-- A password good only for setting a new one (the first administrator's, printed once in the log).
alter table acc_user add column password_expired boolean default false not null;
