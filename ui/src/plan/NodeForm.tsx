// The form that adds a plan node or edits one: layer, title, notes, acceptance criteria (one a line), MVP, container.
import { useId, useState, type FormEvent } from 'react';
import { LAYERS, type Layer, type PlanNode } from './api';
import { criteriaOf, LAYER_LABELS } from './model';

export interface NodeFields {
  layer: Layer;
  title: string;
  notes: string;
  acceptance_criteria: string[];
  mvp: boolean;
  parent: string | null;
}

export function NodeForm({
  initial,
  heading,
  submitLabel,
  containers,
  onSubmit,
  onCancel,
  onDelete,
}: {
  initial?: PlanNode;
  heading: string;
  submitLabel: string;
  /** Nodes that may contain this one: key and title. */
  containers: { key: string; title: string }[];
  onSubmit: (fields: NodeFields) => void;
  onCancel?: () => void;
  onDelete?: () => void;
}) {
  const id = useId();
  const [layer, setLayer] = useState<Layer>(initial?.layer ?? 'task');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [criteria, setCriteria] = useState((initial?.acceptance_criteria ?? []).join('\n'));
  const [mvp, setMvp] = useState(initial?.mvp ?? false);
  const [parent, setParent] = useState(initial?.parent ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setProblem('A node needs a title.');
      return;
    }
    setProblem(null);
    onSubmit({
      layer,
      title: title.trim(),
      notes,
      acceptance_criteria: criteriaOf(criteria),
      mvp,
      parent: parent || null,
    });
    if (!initial) {
      setTitle('');
      setNotes('');
      setCriteria('');
      setMvp(false);
    }
  };

  return (
    <form className="plan-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{heading}</h3>
      {initial ? <p className="plan-muted">Key: {initial.key}</p> : null}
      <label htmlFor={`${id}-layer`}>Layer</label>
      <select id={`${id}-layer`} value={layer} onChange={(e) => setLayer(e.target.value as Layer)}>
        {LAYERS.map((l) => (
          <option key={l} value={l}>
            {LAYER_LABELS[l]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-title`}>Title</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} rows={3} value={notes ?? ''} onChange={(e) => setNotes(e.target.value)} />
      <label htmlFor={`${id}-criteria`}>Acceptance criteria (one a line)</label>
      <textarea id={`${id}-criteria`} rows={3} value={criteria} onChange={(e) => setCriteria(e.target.value)} />
      <label htmlFor={`${id}-parent`}>Contained in</label>
      <select id={`${id}-parent`} value={parent ?? ''} onChange={(e) => setParent(e.target.value)}>
        <option value="">(none)</option>
        {containers
          .filter((c) => c.key !== initial?.key)
          .map((c) => (
            <option key={c.key} value={c.key}>
              {c.title} ({c.key})
            </option>
          ))}
      </select>
      <label className="plan-check">
        <input type="checkbox" checked={mvp} onChange={(e) => setMvp(e.target.checked)} /> MVP
      </label>
      {problem ? (
        <p role="alert" className="plan-error">
          {problem}
        </p>
      ) : null}
      <div className="plan-actions">
        <button type="submit">{submitLabel}</button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Close
          </button>
        ) : null}
        {onDelete ? (
          <button type="button" className="plan-danger" onClick={onDelete}>
            Delete node
          </button>
        ) : null}
      </div>
    </form>
  );
}
