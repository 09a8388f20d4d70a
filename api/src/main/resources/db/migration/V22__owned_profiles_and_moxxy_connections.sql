-- Agent profiles belong to a user or a team (issue 7), like projects. Names are unique per owner (cmd_agent_profile).
-- In the access directory a profile is an owned root of its own: a row in acc_project with its owner, and the profile
-- filed under itself in acc_resource, so the checks, lists and the timeline treat it as they treat a project.
alter table cmd_agent_profile add column owner_id varchar(36);
insert into acc_project (project_id) select agent_profile_id from cmd_agent_profile;
insert into acc_resource (resource_id, project_id) select agent_profile_id, agent_profile_id from cmd_agent_profile;
-- The moxxy connection is each user's own too (its owner is the user's id, or "local" with accounts off): filed the
-- same way. The one made before accounts has no owner.
insert into acc_project (project_id) select distinct connection_id from rm_moxxy_connection
    where connection_id not in (select project_id from acc_project);
insert into acc_resource (resource_id, project_id) select distinct connection_id, connection_id
    from rm_moxxy_connection where connection_id not in (select resource_id from acc_resource);
