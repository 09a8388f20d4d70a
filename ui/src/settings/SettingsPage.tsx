import { useState } from 'react';
import { AgentProfiles } from './AgentProfiles';
import { MoxxySettings } from './MoxxySettings';
import { ProjectSettingsForm } from './ProjectSettingsForm';
import './settings.css';

const TABS = [
  { id: 'project', label: 'Project' },
  { id: 'agents', label: 'Agent profiles' },
  { id: 'moxxy', label: 'moxxy' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** Settings: the selected project's (when there is one), the agent profiles, and the moxxy connection. */
export function SettingsPage({ projectId, initialTab }: { projectId: string | null; initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab ?? (projectId ? 'project' : 'agents'));
  const visible = TABS.filter((t) => t.id !== 'project' || projectId);
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
      </div>
    </div>
  );
}
