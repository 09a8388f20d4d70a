import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callAll } from '../http';
import { ADAPTERS, argvOf, call, envOf, paths, ROLES, type AgentProfile } from './api';
import { Field, SelectField } from '../components/Field';
import { OwnerSelect } from '../components/OwnerSelect';
import { ErrorText } from './ErrorText';
import { EditableList } from './EditableList';
import { SaveOrCancel } from './SaveOrCancel';

const PROFILES = ['settings', 'agents'] as const;

/** The agent profiles: listed, created, edited and deleted. */
export function AgentProfiles() {
  const profiles = useQuery({ queryKey: PROFILES, queryFn: () => callAll<AgentProfile>(paths.agents) });
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => call('DELETE', paths.agent(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: PROFILES }),
  });

  return (
    <section aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">Agent profiles</h2>
      {profiles.isError && <ErrorText error={profiles.error} />}
      {remove.isError && <ErrorText error={remove.error} />}
      <EditableList
        items={profiles.data?.items}
        keyOf={(profile) => profile.agent_profile_id}
        nameOf={(profile) => profile.name}
        describe={(profile) => (
          <>
            <strong>{profile.name}</strong> {profile.adapter}
            {profile.model ? ` · ${profile.model}` : ''} · {profile.role}
          </>
        )}
        onDelete={(profile) => remove.mutate(profile.agent_profile_id)}
        newLabel="New agent profile"
        form={(profile, done) => (
          <ProfileForm
            profile={profile}
            onDone={() => {
              done();
              void client.invalidateQueries({ queryKey: PROFILES });
            }}
          />
        )}
      />
    </section>
  );
}

/** Creates a profile, or edits one; `command` is one argument per line, `env` one KEY=VALUE per line. */
export function ProfileForm({ profile, onDone }: { profile: AgentProfile | null; onDone: () => void }) {
  const [name, setName] = useState(profile?.name ?? '');
  const [adapter, setAdapter] = useState(profile?.adapter ?? 'command');
  const [model, setModel] = useState(profile?.model ?? '');
  const [command, setCommand] = useState((profile?.command ?? []).join('\n'));
  const [env, setEnv] = useState(Object.entries(profile?.env ?? {}).map(([k, v]) => `${k}=${v}`).join('\n'));
  const [role, setRole] = useState(profile?.role ?? 'generic');
  const [teamId, setTeamId] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const body = { name, adapter, model: model || null, command: argvOf(command), env: envOf(env), role };
      if (profile) return call('PATCH', paths.agent(profile.agent_profile_id), body);
      return call('POST', paths.agents, teamId ? { ...body, team_id: teamId } : body);
    },
    onSuccess: onDone,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label={profile ? `Edit ${profile.name}` : 'New agent profile'}>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      {!profile && (
        <OwnerSelect
          value={teamId}
          onChange={setTeamId}
          hint="The team's members use and change the profile; its viewers only see it."
        />
      )}
      <SelectField label="Adapter" value={adapter} onChange={setAdapter} options={ADAPTERS} />
      <Field label={adapter === 'moxxy' ? 'moxxy agent' : 'Model'}>
        <input value={model} onChange={(e) => setModel(e.target.value)} placeholder={adapter === 'moxxy' ? 'default' : ''} />
      </Field>
      <Field label={`Command (one argument per line, ${adapter === 'command' ? 'required' : 'optional'})`}>
        <textarea value={command} onChange={(e) => setCommand(e.target.value)} rows={3} />
      </Field>
      <Field label="Environment (KEY=VALUE per line; no secrets)">
        <textarea value={env} onChange={(e) => setEnv(e.target.value)} rows={2} />
      </Field>
      <SelectField label="Role" value={role} onChange={setRole} options={ROLES} />
      <SaveOrCancel label={profile ? 'Save' : 'Create'} saving={save.isPending} onCancel={onDone} error={save.error} />
    </form>
  );
}
