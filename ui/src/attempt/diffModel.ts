// Pure functions behind the Diff tab: a file list from the JSON diff or from
// the raw unified diff, a directory tree for the side panel, and each file's
// hunks parsed by react-diff-view's parseDiff.
import { parseDiff, type FileData } from 'react-diff-view';
import type { DiffChange, DiffFileJson } from './types';

export interface DiffFileEntry {
  path: string;
  oldPath: string | null;
  change: DiffChange | string;
  additions: number;
  deletions: number;
  binary: boolean;
  truncated: boolean;
  /** Parsed hunks, or null when the file shows no lines (binary, pure rename, empty). */
  data: FileData | null;
}

export interface DiffTotals {
  files: number;
  additions: number;
  deletions: number;
}

const DEV_NULL = '/dev/null';

/** A unified diff text for one file of the JSON diff (its `patch` holds only the hunks). */
export function unifiedForFile(f: DiffFileJson): string {
  const oldPath = f.old_path || f.path;
  const lines = [`diff --git a/${oldPath} b/${f.path}`];
  if (f.change === 'added') lines.push('new file mode 100644');
  if (f.change === 'deleted') lines.push('deleted file mode 100644');
  if (f.change === 'renamed') lines.push(`rename from ${oldPath}`, `rename to ${f.path}`);
  lines.push(f.change === 'added' ? `--- ${DEV_NULL}` : `--- a/${oldPath}`);
  lines.push(f.change === 'deleted' ? `+++ ${DEV_NULL}` : `+++ b/${f.path}`);
  const patch = f.patch.endsWith('\n') ? f.patch : `${f.patch}\n`;
  return `${lines.join('\n')}\n${patch}`;
}

function parseOne(text: string): FileData | null {
  try {
    const [file] = parseDiff(text, { nearbySequences: 'zip' });
    return file && file.hunks.length > 0 ? file : null;
  } catch {
    return null;
  }
}

/** The JSON diff's files, each with its hunks parsed. */
export function filesFromJson(files: DiffFileJson[]): DiffFileEntry[] {
  return files.map((f) => ({
    path: f.path,
    oldPath: f.old_path ?? null,
    change: f.change,
    additions: f.additions ?? 0,
    deletions: f.deletions ?? 0,
    binary: f.binary === true,
    truncated: f.truncated === true,
    data: f.patch && f.patch.trim() ? parseOne(unifiedForFile(f)) : null,
  }));
}

const stripPrefix = (p: string) => p.replace(/^[ab]\//, '');

function changeOf(file: FileData): DiffChange {
  if (file.type === 'add') return 'added';
  if (file.type === 'delete') return 'deleted';
  if (file.type === 'rename') return 'renamed';
  if (file.oldPath && file.newPath && stripPrefix(file.oldPath) !== stripPrefix(file.newPath)) return 'renamed';
  return file.type === 'copy' ? 'added' : 'modified';
}

/** The files of a raw unified diff (`Accept: text/x-diff`), counts from its lines. */
export function filesFromRaw(text: string): DiffFileEntry[] {
  if (!text.trim()) return [];
  let parsed: FileData[];
  try {
    parsed = parseDiff(text, { nearbySequences: 'zip' });
  } catch {
    return [];
  }
  return parsed
    .filter((f) => f.oldPath || f.newPath)
    .map((f) => {
      const change = changeOf(f);
      const newPath = f.newPath && f.newPath !== DEV_NULL ? stripPrefix(f.newPath) : null;
      const oldPath = f.oldPath && f.oldPath !== DEV_NULL ? stripPrefix(f.oldPath) : null;
      let additions = 0;
      let deletions = 0;
      for (const h of f.hunks) {
        for (const c of h.changes) {
          if (c.type === 'insert') additions++;
          else if (c.type === 'delete') deletions++;
        }
      }
      return {
        path: newPath ?? oldPath ?? '',
        oldPath: change === 'renamed' ? oldPath : null,
        change,
        additions,
        deletions,
        binary: false,
        truncated: false,
        data: f.hunks.length ? f : null,
      };
    });
}

export function totals(files: DiffFileEntry[]): DiffTotals {
  return files.reduce(
    (t, f) => ({ files: t.files + 1, additions: t.additions + f.additions, deletions: t.deletions + f.deletions }),
    { files: 0, additions: 0, deletions: 0 },
  );
}

// ---- file tree --------------------------------------------------------------

export type TreeRow =
  | { type: 'dir'; path: string; name: string; depth: number }
  | { type: 'file'; path: string; name: string; depth: number; file: DiffFileEntry };

interface Dir {
  dirs: Map<string, Dir>;
  files: DiffFileEntry[];
}

/**
 * The files as a tree, flattened into rows in display order: directories
 * first, then files, each by name; a directory with a single subdirectory and
 * no files is folded into it ("src/main/java").
 */
export function fileTree(files: DiffFileEntry[]): TreeRow[] {
  const root: Dir = { dirs: new Map(), files: [] };
  for (const f of files) {
    const parts = f.path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) {
        next = { dirs: new Map(), files: [] };
        dir.dirs.set(part, next);
      }
      dir = next;
    }
    dir.files.push(f);
  }
  const rows: TreeRow[] = [];
  const walk = (dir: Dir, prefix: string, depth: number) => {
    for (const name of [...dir.dirs.keys()].sort()) {
      let sub = dir.dirs.get(name)!;
      let label = name;
      while (sub.files.length === 0 && sub.dirs.size === 1) {
        const [only, next] = [...sub.dirs.entries()][0];
        label = `${label}/${only}`;
        sub = next;
      }
      const path = prefix ? `${prefix}/${label}` : label;
      rows.push({ type: 'dir', path, name: label, depth });
      walk(sub, path, depth + 1);
    }
    for (const f of [...dir.files].sort((a, b) => a.path.localeCompare(b.path))) {
      rows.push({ type: 'file', path: f.path, name: f.path.split('/').pop() ?? f.path, depth, file: f });
    }
  };
  walk(root, '', 0);
  return rows;
}

/** react-diff-view's diff type for a file. */
export function diffType(change: string): 'add' | 'delete' | 'modify' | 'rename' {
  if (change === 'added') return 'add';
  if (change === 'deleted') return 'delete';
  if (change === 'renamed') return 'rename';
  return 'modify';
}
