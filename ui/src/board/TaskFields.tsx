// Fields that the New task dialog and the task drawer both have.
import type { AgentProfile } from '../api';
import { Field } from '../components/Field';

interface LabelsAndPriorityProps {
  /** Comma separated. */
  labels: string;
  onLabels: (labels: string) => void;
  /** '0' to '4', or '' for none. */
  priority: string;
  onPriority: (priority: string) => void;
}

/** A task's labels and priority, side by side. */
export function LabelsAndPriority({ labels, onLabels, priority, onPriority }: LabelsAndPriorityProps) {
  return (
    <div className="form-row">
      <Field label="Labels (comma separated)">
        <input value={labels} onChange={(e) => onLabels(e.target.value)} />
      </Field>
      <Field label="Priority">
        <select value={priority} onChange={(e) => onPriority(e.target.value)}>
          <option value="">None</option>
          {[0, 1, 2, 3, 4].map((p) => (
            <option key={p} value={p}>
              P{p}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** An option per agent profile, by its id: "name (adapter)". */
export function AgentOptions({ agents }: { agents: AgentProfile[] }) {
  return agents.map((a) => (
    <option key={a.agent_profile_id} value={a.agent_profile_id}>
      {a.name} ({a.adapter})
    </option>
  ));
}
