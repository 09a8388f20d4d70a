import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Field, SelectField } from './Field';

describe('Field', () => {
  it('names its control by the label and describes it by the hint', () => {
    render(
      <Field label="Title" hint="Up to 200 characters">
        <input />
      </Field>,
    );
    const input = screen.getByLabelText('Title');
    expect(input.tagName).toBe('INPUT');
    expect(input).toHaveAccessibleDescription('Up to 200 characters');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('marks the control invalid and describes it by the error as well', () => {
    render(
      <Field label="Title" hint="Up to 200 characters" error="A title is required.">
        <input />
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'Title' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Up to 200 characters A title is required.');
    expect(screen.getByText('A title is required.')).toHaveClass('field-error');
  });

  it("keeps the control's own id and description, and can hide its label but for screen readers", () => {
    render(
      <>
        <p id="note">Read this first</p>
        <Field label="Priority" hideLabel>
          <select id="priority" aria-describedby="note">
            <option>P1</option>
          </select>
        </Field>
      </>,
    );
    const select = screen.getByRole('combobox', { name: 'Priority' });
    expect(select).toHaveAttribute('id', 'priority');
    expect(select).toHaveAccessibleDescription('Read this first');
    expect(screen.getByText('Priority')).toHaveClass('sr-only');
  });
});

describe('SelectField', () => {
  it('offers the values (and a first one for none) and hands on the one chosen', () => {
    const onChange = vi.fn();
    render(<SelectField label="Mode" value="" onChange={onChange} options={['a', 'b']} empty="Default" error="Pick one" />);
    const select = screen.getByRole('combobox', { name: 'Mode' });
    expect([...(select as HTMLSelectElement).options].map((o) => [o.value, o.text])).toEqual([
      ['', 'Default'],
      ['a', 'a'],
      ['b', 'b'],
    ]);
    expect(select).toHaveAccessibleDescription('Pick one');
    fireEvent.change(select, { target: { value: 'b' } });
    expect(onChange).toHaveBeenCalledWith('b');
  });
});
