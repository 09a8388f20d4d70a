import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

/** What a {@link Field} sets on its control, so that its label, hint and error belong to it. */
interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface Props {
  label: ReactNode;
  /** The control: one input, select or textarea (its own `id`, if it has one, is kept). */
  children: ReactElement<ControlProps>;
  /** What is wrong with the value; the control is then marked invalid and described by it. */
  error?: string | null;
  /** A line of help under the control, which describes it too. */
  hint?: ReactNode;
  /** The label is read by screen readers but not shown. */
  hideLabel?: boolean;
  className?: string;
}

/** A form field: a label bound to its control, and under it a hint and an error the control is described by. */
export function Field({ label, children, error, hint, hideLabel = false, className }: Props) {
  const generated = useId();
  const id = children.props.id ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [children.props['aria-describedby'], hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : children.props['aria-invalid'],
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

interface SelectProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The values to choose from, each shown as it is. */
  options: readonly string[];
  /** The label of a first option for no value (''), if there is one. */
  empty?: string;
  error?: string | null;
}

/** A {@link Field} whose control chooses one of a list of plain values. */
export function SelectField({ label, value, onChange, options, empty, error }: SelectProps) {
  return (
    <Field label={label} error={error}>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </Field>
  );
}
