import { useEffect, useId, useRef, useState } from 'react';

interface Props {
  /** The button's text, e.g. "Revoke"; its accessible name is "<label> <name>". */
  label: string;
  /** What it acts on. */
  name: string;
  /** Asked before acting, e.g. "Revoke ci? Scripts using it are refused at once." */
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/**
 * A button for what cannot be undone: pressing it asks the question in place, with "Yes, <label>" (focused) and
 * "No"; No or Escape puts the button back and focus on it.
 */
export function ConfirmButton({ label, name, question, onConfirm, disabled }: Props) {
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (answered.current) button.current?.focus();
  }, [asking]);
  const close = () => {
    answered.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button ref={button} type="button" disabled={disabled} aria-label={`${label} ${name}`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-labelledby={questionId}
      className="confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <span id={questionId}>{question}</span>
      <button
        ref={yes}
        type="button"
        onClick={() => {
          close();
          onConfirm();
        }}
      >
        Yes, {label.toLowerCase()}
      </button>
      <button type="button" onClick={close}>
        No
      </button>
    </span>
  );
}
