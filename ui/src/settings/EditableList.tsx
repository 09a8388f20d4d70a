import { Fragment, useState, type ReactNode } from 'react';

interface Props<T> {
  items: T[] | undefined;
  keyOf: (item: T) => string;
  /** What an item's buttons act on, in their names: "Edit <what>", "Delete <what>". */
  nameOf: (item: T) => string;
  describe: (item: T) => ReactNode;
  onDelete: (item: T) => void;
  /** The text of the button that opens the form for a new item. */
  newLabel: string;
  /** The form that makes a new item (`item` null) or edits one; `done` closes it. */
  form: (item: T | null, done: () => void) => ReactNode;
  /** The list's accessible name. */
  label?: string;
}

/** A settings list: each item with Edit and Delete, and a form (one at a time) to make a new item or edit one. */
export function EditableList<T>({ items, keyOf, nameOf, describe, onDelete, newLabel, form, label }: Props<T>) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const done = () => setEditing(null);
  return (
    <>
      <ul className="settings-list" aria-label={label}>
        {items?.map((item) => (
          <li key={keyOf(item)}>
            <span>{describe(item)}</span>
            <button type="button" onClick={() => setEditing(item)} aria-label={`Edit ${nameOf(item)}`}>
              Edit
            </button>
            <button type="button" onClick={() => onDelete(item)} aria-label={`Delete ${nameOf(item)}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          {newLabel}
        </button>
      ) : (
        // a form of its own for each item
        <Fragment key={editing === 'new' ? '' : keyOf(editing)}>{form(editing === 'new' ? null : editing, done)}</Fragment>
      )}
    </>
  );
}
