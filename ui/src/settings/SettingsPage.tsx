import { useState } from 'react';
import { useAccount } from '../auth/session';
import { AgentProfiles } from './AgentProfiles';
import { ApiTokens } from './ApiTokens';
import { MoxxySettings } from './MoxxySettings';
import { ProjectSettingsForm } from './ProjectSettingsForm';
import { ChangePassword } from './Passwords';
import { ProviderKeys } from './ProviderKeys';
import { Teams } from './Teams';
import { Users } from './Users';
import './settings.css';

const TABS = [
  { id: 'project', label: 'Project' },
  { id: 'agents', label: 'Agent profiles' },
  { id: 'moxxy', label: 'moxxy' },
  { id: 'account', label: 'Account' },
  { id: 'users', label: 'Users' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/**
 * Settings: the selected project's (when there is one), the agent profiles, the moxxy connection, and with accounts
 * on the caller's account (password, API tokens, provider keys, teams) and, for administrators, the users.
 */
export function SettingsPage({ projectId, initialTab }: { projectId: string | null; initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab ?? (projectId ? 'project' : 'agents'));
  const account = useAccount();
  const shown: Record<Tab, boolean> = {
    project: projectId !== null,
    agents: true,
    moxxy: true,
    account: account !== null,
    users: account?.is_admin === true,
  };
  const visible = TABS.filter((t) => shown[t.id]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const at = visible.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      const next = visible[(at + step + visible.length) % visible.length];
      setTab(next.id);
      document.getElementById(`settings-tab-${next.id}`)?.focus();
    }
  };
  return (
    <div className="settings">
      <h1 id="page-title">Settings</h1>
      <div role="tablist" aria-label="Settings" onKeyDown={onKeyDown}>
        {visible.map((t) => (
          <button
            key={t.id}
            id={`settings-tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls={`settings-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${tab}`} aria-labelledby={`settings-tab-${tab}`}>
        {tab === 'project' && projectId && <ProjectSettingsForm projectId={projectId} />}
        {tab === 'agents' && <AgentProfiles />}
        {tab === 'moxxy' && <MoxxySettings projectId={projectId} />}
        {tab === 'account' && account && (
          <>
            <ChangePassword />
            <ApiTokens />
            <ProviderKeys />
            <Teams />
          </>
        )}
        {tab === 'users' && account?.is_admin && <Users />}
      </div>
    </div>
  );
}
