// Shapes of the attempt endpoints (contract: /work/shared/spec/api.md, "Attempts").

export type AttemptStatus =
  | 'queued'
  | 'running'
  | 'gates_running'
  | 'review_ready'
  | 'merging'
  | 'merged'
  | 'pr_created'
  | 'failed'
  | 'cancelled';

export interface Gate {
  gate: string;
  exit_code: number;
  duration_ms: number;
  output_ref: string | null;
}

export interface DiffStat {
  files: number;
  additions: number;
  deletions: number;
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface MergeConflict {
  files: string[];
  message: string;
}

export interface MergeInfo {
  mode?: string | null;
  commit?: string | null;
  pr_url?: string | null;
  conflict?: MergeConflict | null;
}

export interface ArtifactMeta {
  artifact_id: string;
  kind: string;
  name: string;
  content_type: string;
  size_bytes: number;
}

export interface Attempt {
  attempt_id: string;
  task_id: string;
  project_id: string;
  status: AttemptStatus | string;
  agent_profile_id: string | null;
  /** The agent's name, if the server adds it; otherwise the profile id is shown. */
  agent_name?: string | null;
  prompt?: string | null;
  branch: string | null;
  base_branch: string | null;
  base_commit: string | null;
  head_commit: string | null;
  previous_attempt_id: string | null;
  feedback: string | null;
  created_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  failure_reason: string | null;
  summary: string | null;
  gates: Gate[];
  diff_stat: DiffStat | null;
  usage: Usage | null;
  merge: MergeInfo | null;
  artifacts: ArtifactMeta[];
  recent_events: StreamMessage[];
  version?: number;
}

/** One stored or streamed log message; `seq` is also its SSE id. */
export interface StreamMessage {
  type: 'event' | string;
  attempt_id: string;
  seq: number;
  ts: string;
  event: { kind: string; payload: Record<string, unknown> };
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export type DiffChange = 'added' | 'modified' | 'deleted' | 'renamed';

export interface DiffFileJson {
  path: string;
  old_path?: string | null;
  change: DiffChange | string;
  additions: number;
  deletions: number;
  /** The file's hunks ("@@ … @@" and their lines), without the "diff --git" header. */
  patch: string;
  binary?: boolean;
  truncated?: boolean;
}

export interface DiffJson {
  files: DiffFileJson[];
}

export type ApproveMode = 'merge' | 'pr';
