// moxxy's orchestrator templates (see /work/shared/reference/moxxy-api.md §4, §5.3-5.7): their shape, and the form's
// values, checks and request bodies.

export const WORKER_MODES = ['existing', 'ephemeral', 'mixed'] as const;
export const FAILURE_POLICIES = ['auto_replan', 'fail_fast', 'best_effort'] as const;
export const MERGE_POLICIES = ['manual_approval', 'auto_on_review_pass'] as const;

/** How a template spawns an ephemeral worker of one role; moxxy wants all six, role, provider and model not empty. */
export interface SpawnProfile {
  role: string;
  persona: string;
  provider: string;
  model: string;
  runtime_type: string;
  image_profile: string;
}

/** A template as moxxy answers and takes it; a default left null is moxxy's own. */
export interface Template {
  template_id: string;
  name: string;
  description: string;
  default_worker_mode: string | null;
  default_max_parallelism: number | null;
  default_retry_limit: number | null;
  default_failure_policy: string | null;
  default_merge_policy: string | null;
  spawn_profiles: SpawnProfile[];
}

/** The form's values as typed; '' is a default left to moxxy. */
export interface TemplateFields {
  template_id: string;
  name: string;
  description: string;
  default_worker_mode: string;
  default_max_parallelism: string;
  default_retry_limit: string;
  default_failure_policy: string;
  default_merge_policy: string;
  spawn_profiles: SpawnProfile[];
}

/** The defaults a template may set, by field. */
const DEFAULTS = [
  'default_worker_mode',
  'default_max_parallelism',
  'default_retry_limit',
  'default_failure_policy',
  'default_merge_policy',
] as const;

/** A new worker profile: moxxy's seeded templates run theirs natively, on the base image. */
export const NEW_PROFILE: SpawnProfile = {
  role: '',
  persona: '',
  provider: '',
  model: '',
  runtime_type: 'native',
  image_profile: 'base',
};

/** The form of a template (null: a new one, with one worker profile to fill in). */
export function fieldsOf(template: Template | null): TemplateFields {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return {
    template_id: template?.template_id ?? '',
    name: template?.name ?? '',
    description: template?.description ?? '',
    default_worker_mode: text(template?.default_worker_mode),
    default_max_parallelism: text(template?.default_max_parallelism),
    default_retry_limit: text(template?.default_retry_limit),
    default_failure_policy: text(template?.default_failure_policy),
    default_merge_policy: text(template?.default_merge_policy),
    spawn_profiles: template ? template.spawn_profiles.map((p) => ({ ...NEW_PROFILE, ...p })) : [{ ...NEW_PROFILE }],
  };
}

const WHOLE = /^\d+$/;

/**
 * What is wrong with the form, by field (`spawn_profiles.<i>.<field>` for a worker profile's): what moxxy would
 * refuse, checked before it is asked. moxxy cannot reset a default to none, so editing `original` a default it
 * sets cannot be emptied; and as it replaces a template of the same id, a new one cannot take one of `takenIds`.
 */
export function validateTemplate(
  fields: TemplateFields,
  original: Template | null,
  takenIds: readonly string[] = [],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const id = fields.template_id.trim();
  if (!original && !id) errors.template_id = 'A template id is required.';
  if (!original && takenIds.includes(id)) errors.template_id = `The agent has a template ${id}: edit that one instead.`;
  if (!fields.name.trim()) errors.name = 'A name is required.';
  const parallelism = fields.default_max_parallelism.trim();
  if (parallelism && (!WHOLE.test(parallelism) || Number(parallelism) < 1)) {
    errors.default_max_parallelism = 'A whole number of 1 or more.';
  }
  const retries = fields.default_retry_limit.trim();
  if (retries && !WHOLE.test(retries)) errors.default_retry_limit = 'A whole number of 0 or more.';
  for (const key of DEFAULTS) {
    if (original && original[key] !== null && !fields[key].trim()) {
      errors[key] = 'moxxy cannot clear a default once set: choose a value.';
    }
  }
  fields.spawn_profiles.forEach((profile, i) => {
    if (!profile.role.trim()) errors[`spawn_profiles.${i}.role`] = 'A role is required.';
    if (!profile.provider.trim()) errors[`spawn_profiles.${i}.provider`] = 'A provider is required.';
    if (!profile.model.trim()) errors[`spawn_profiles.${i}.model`] = 'A model is required.';
  });
  return errors;
}

/** The template the form describes, text trimmed, a default left empty as null (moxxy's own). */
export function templateOf(fields: TemplateFields): Template {
  const text = (value: string) => value.trim() || null;
  const number = (value: string) => (value.trim() ? Number(value.trim()) : null);
  return {
    template_id: fields.template_id.trim(),
    name: fields.name.trim(),
    description: fields.description.trim(),
    default_worker_mode: text(fields.default_worker_mode),
    default_max_parallelism: number(fields.default_max_parallelism),
    default_retry_limit: number(fields.default_retry_limit),
    default_failure_policy: text(fields.default_failure_policy),
    default_merge_policy: text(fields.default_merge_policy),
    spawn_profiles: fields.spawn_profiles.map((p) => ({
      role: p.role.trim(),
      persona: p.persona.trim(),
      provider: p.provider.trim(),
      model: p.model.trim(),
      runtime_type: p.runtime_type.trim(),
      image_profile: p.image_profile.trim(),
    })),
  };
}
