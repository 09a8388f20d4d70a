import { describe, expect, it } from 'vitest';
import { fieldsOf, NEW_PROFILE, templateOf, validateTemplate, type Template } from './templates';

const seeded: Template = {
  template_id: 'simple',
  name: 'Simple',
  description: 'One worker',
  default_worker_mode: 'ephemeral',
  default_max_parallelism: null,
  default_retry_limit: 2,
  default_failure_policy: null,
  default_merge_policy: null,
  spawn_profiles: [
    { role: 'worker', persona: '', provider: '', model: '', runtime_type: 'native', image_profile: 'base' },
  ],
};

describe('orchestrator template form', () => {
  it('reads a template into the form and back, defaults left to moxxy as null', () => {
    expect(templateOf(fieldsOf(seeded))).toEqual(seeded);
    const fresh = fieldsOf(null);
    expect(fresh.spawn_profiles).toEqual([NEW_PROFILE]);
    expect(fresh.default_worker_mode).toBe('');
  });

  it('trims what was typed and turns numbers into numbers', () => {
    const fields = {
      ...fieldsOf(null),
      template_id: ' review ',
      name: ' Review ',
      description: ' Two roles ',
      default_max_parallelism: ' 3 ',
      default_merge_policy: 'manual_approval',
      spawn_profiles: [{ ...NEW_PROFILE, role: ' reviewer ', provider: 'openai ', model: ' gpt-5' }],
    };
    expect(templateOf(fields)).toEqual({
      template_id: 'review',
      name: 'Review',
      description: 'Two roles',
      default_worker_mode: null,
      default_max_parallelism: 3,
      default_retry_limit: null,
      default_failure_policy: null,
      default_merge_policy: 'manual_approval',
      spawn_profiles: [{ role: 'reviewer', persona: '', provider: 'openai', model: 'gpt-5', runtime_type: 'native', image_profile: 'base' }],
    });
  });

  it('names every field moxxy would refuse', () => {
    const fields = { ...fieldsOf(null), name: ' ', default_max_parallelism: '0', default_retry_limit: '1.5' };
    expect(validateTemplate(fields, null)).toEqual({
      template_id: 'A template id is required.',
      name: 'A name is required.',
      default_max_parallelism: 'A whole number of 1 or more.',
      default_retry_limit: 'A whole number of 0 or more.',
      'spawn_profiles.0.role': 'A role is required.',
      'spawn_profiles.0.provider': 'A provider is required.',
      'spawn_profiles.0.model': 'A model is required.',
    });
    const good = {
      ...fieldsOf(null),
      template_id: 'x',
      name: 'X',
      default_retry_limit: '0',
      spawn_profiles: [{ ...NEW_PROFILE, role: 'r', provider: 'p', model: 'm' }],
    };
    expect(validateTemplate(good, null)).toEqual({});
    expect(validateTemplate(good, null, ['simple', 'x'])).toEqual({
      template_id: 'The agent has a template x: edit that one instead.',
    });
    expect(validateTemplate({ ...good, spawn_profiles: [] }, null)).toEqual({});
  });

  it('keeps an edit from emptying a default moxxy cannot clear', () => {
    const fields = {
      ...fieldsOf(seeded),
      default_worker_mode: '',
      default_retry_limit: '',
      spawn_profiles: [{ ...seeded.spawn_profiles[0], provider: 'openai', model: 'gpt-5' }],
    };
    expect(validateTemplate(fields, seeded)).toEqual({
      default_worker_mode: 'moxxy cannot clear a default once set: choose a value.',
      default_retry_limit: 'moxxy cannot clear a default once set: choose a value.',
    });
  });
});
