import { useEffect, useState } from 'react';
import type { AgentProfile, BoardFilters } from '../api';
import { TASK_STATUSES, humanize } from '../board';

interface Props {
  filters: BoardFilters;
  onFilter: (key: keyof BoardFilters, value: string) => void;
  onClear: () => void;
  labels: string[];
  agents: AgentProfile[];
  onNewTask: () => void;
  onNewAgent: () => void;
  /** How long typing in the search box waits before the URL (and the board) follow. */
  searchDelayMs?: number;
}

/** Search, filters (all kept in the URL) and the New Task / New Agent Profile buttons. */
export function BoardToolbar({ filters, onFilter, onClear, labels, agents, onNewTask, onNewAgent, searchDelayMs = 250 }: Props) {
  const [q, setQ] = useState(filters.q ?? '');
  // Follow the URL when it changes from outside (back button, a link).
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if (q === (filters.q ?? '')) return;
    const timer = setTimeout(() => onFilter('q', q), searchDelayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const active = Boolean(filters.q || filters.label || filters.agent || filters.status);
  return (
    <div className="toolbar" role="search" aria-label="Search and filter cards">
      <label className="field field-search">
        <span className="sr-only">Search cards</span>
        <input
          type="search"
          placeholder="Search title and description"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onFilter('q', q);
          }}
        />
      </label>
      <label className="field">
        <span>Label</span>
        <select value={filters.label ?? ''} onChange={(e) => onFilter('label', e.target.value)}>
          <option value="">Any</option>
          {withCurrent(labels, filters.label).map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Agent</span>
        <select value={filters.agent ?? ''} onChange={(e) => onFilter('agent', e.target.value)}>
          <option value="">Any</option>
          {agents.map((a) => (
            <option key={a.agent_profile_id} value={a.agent_profile_id}>
              {a.name}
            </option>
          ))}
          {filters.agent && !agents.some((a) => a.agent_profile_id === filters.agent) && (
            <option value={filters.agent}>{filters.agent}</option>
          )}
        </select>
      </label>
      <label className="field">
        <span>Status</span>
        <select value={filters.status ?? ''} onChange={(e) => onFilter('status', e.target.value)}>
          <option value="">Any</option>
          {withCurrent(TASK_STATUSES, filters.status).map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setQ('');
            onClear();
          }}
        >
          Clear filters
        </button>
      )}
      <span className="toolbar-spacer" />
      <button type="button" className="primary" onClick={onNewTask}>
        New Task
      </button>
      <button type="button" onClick={onNewAgent}>
        New Agent Profile
      </button>
    </div>
  );
}

function withCurrent(values: readonly string[], current: string | undefined): string[] {
  return current && !values.includes(current) ? [...values, current] : [...values];
}
