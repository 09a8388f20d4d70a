import type { Me } from '../auth/api';
import { useAccount } from '../auth/session';
import { Field } from './Field';

/** The teams that may own something new of `me`'s: those where they are a member or an admin (a viewer only reads). */
export function ownerTeams(me: Me) {
  return me.teams.filter((team) => team.role === 'member' || team.role === 'admin');
}

interface Props {
  /** The team chosen, '' for the caller. */
  value: string;
  onChange: (teamId: string) => void;
  /** What the team's members may do with it, under the select. */
  hint: string;
}

/** Who a new project or agent profile belongs to: the caller or one of their teams. Nothing with accounts off. */
export function OwnerSelect({ value, onChange, hint }: Props) {
  const account = useAccount();
  if (!account) return null;
  return (
    <Field label="Owner" hint={hint}>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Me ({account.username})</option>
        {ownerTeams(account).map((team) => (
          <option key={team.team_id} value={team.team_id}>
            Team {team.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
