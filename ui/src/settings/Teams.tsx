import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createTeam,
  fetchMembers,
  fetchTeams,
  removeMember,
  setMember,
  TEAM_ROLES,
  type Membership,
  type TeamMember,
  type TeamRole,
} from '../auth/api';
import { meKey } from '../auth/session';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field, SelectField } from '../components/Field';
import { ErrorText } from './ErrorText';
import { InlineForm } from './InlineForm';

const TEAMS = ['settings', 'auth', 'teams'] as const;
const membersKey = (teamId: string) => ['settings', 'auth', 'members', teamId] as const;

/** The caller's teams with their role; a new team; each team's members (managed by the team's admins). */
export function Teams() {
  const client = useQueryClient();
  const teams = useQuery({ queryKey: TEAMS, queryFn: fetchTeams });
  const [open, setOpen] = useState<string | null>(null);
  // /auth/me lists the teams too (the New project dialog offers them)
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: TEAMS }), client.invalidateQueries({ queryKey: meKey })]);
  const items = teams.data?.items;
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">Teams</h2>
      {teams.isError && <ErrorText error={teams.error} />}
      {items?.length === 0 && <p>You are in no team yet.</p>}
      <ul className="settings-list" aria-labelledby="teams-heading">
        {items?.map((team) => (
          <li key={team.team_id} className="team">
            <span>
              <strong>{team.name}</strong> {team.role}
            </span>
            <button
              type="button"
              aria-expanded={open === team.team_id}
              aria-label={`Members of ${team.name}`}
              onClick={() => setOpen(open === team.team_id ? null : team.team_id)}
            >
              Members
            </button>
            {open === team.team_id && <TeamMembers team={team} onChanged={refresh} />}
          </li>
        ))}
      </ul>
      <NewTeam onCreated={refresh} />
    </section>
  );
}

function NewTeam({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => createTeam(name.trim()),
    onSuccess: () => {
      setName('');
      return onCreated();
    },
  });
  return (
    <InlineForm label="New team" submit="Create team" action={create}>
      <Field label="Team name">
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
    </InlineForm>
  );
}

/** A team's members; its admins also add members by username, change roles and remove members. */
export function TeamMembers({ team, onChanged }: { team: Membership; onChanged: () => Promise<unknown> }) {
  const client = useQueryClient();
  const key = membersKey(team.team_id);
  const members = useQuery({ queryKey: key, queryFn: () => fetchMembers(team.team_id) });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: key }), onChanged()]);
  const change = useMutation({
    mutationFn: ({ user, role }: { user: string; role: TeamRole }) => setMember(team.team_id, user, role),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (user: string) => removeMember(team.team_id, user), onSettled: refresh });
  const admin = team.role === 'admin';
  return (
    <div className="team-members">
      <h3>Members of {team.name}</h3>
      {members.isError && <ErrorText error={members.error} />}
      {change.isError && <ErrorText error={change.error} />}
      {remove.isError && <ErrorText error={remove.error} />}
      <table className="settings-table">
        <thead>
          <tr>
            <th>User</th>
            <th>Role</th>
            {admin && <th>Actions</th>}
          </tr>
        </thead>
        <tbody>
          {members.data?.items.map((member) => (
            <tr key={member.user_id}>
              <td>
                {member.username}
                {member.display_name && member.display_name !== member.username && ` (${member.display_name})`}
              </td>
              <td>
                {admin ? (
                  <RoleForm member={member} onSave={(role) => change.mutate({ user: member.user_id, role })} />
                ) : (
                  member.role
                )}
              </td>
              {admin && (
                <td>
                  <ConfirmButton
                    label="Remove"
                    name={member.username}
                    question={`Remove ${member.username} from ${team.name}?`}
                    onConfirm={() => remove.mutate(member.user_id)}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {admin && <AddMember teamId={team.team_id} onAdded={refresh} />}
    </div>
  );
}

/** A member's role: chosen, then saved (a choice alone sends nothing, so arrowing through the roles is safe). */
function RoleForm({ member, onSave }: { member: TeamMember; onSave: (role: TeamRole) => void }) {
  const [role, setRole] = useState<TeamRole>(member.role);
  return (
    <span className="settings-actions">
      <select aria-label={`Role of ${member.username}`} value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
        {TEAM_ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <button type="button" disabled={role === member.role} onClick={() => onSave(role)} aria-label={`Save the role of ${member.username}`}>
        Save
      </button>
    </span>
  );
}

function AddMember({ teamId, onAdded }: { teamId: string; onAdded: () => Promise<unknown> }) {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<string>('member');
  const add = useMutation({
    mutationFn: () => setMember(teamId, username.trim(), role as TeamRole),
    onSuccess: () => {
      setUsername('');
      return onAdded();
    },
  });
  return (
    <InlineForm label="Add a member" submit="Add member" action={add}>
      <Field label="Username">
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoCapitalize="none" spellCheck={false} required />
      </Field>
      <SelectField label="Role" value={role} onChange={setRole} options={TEAM_ROLES} />
    </InlineForm>
  );
}
