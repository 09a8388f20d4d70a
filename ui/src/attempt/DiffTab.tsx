import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Diff, Hunk } from 'react-diff-view';
import 'react-diff-view/style/index.css';
import { ApiError, fetchDiff, fetchRawDiff } from './attemptApi';
import { diffType, fileTree, filesFromJson, filesFromRaw, totals, type DiffFileEntry } from './diffModel';

/**
 * The attempt's diff: the JSON files (counts, change types, binary and
 * truncation flags, hunks); if the JSON cannot be read, the raw unified diff
 * parsed here instead.
 */
async function loadDiff(attemptId: string, signal?: AbortSignal): Promise<DiffFileEntry[]> {
  try {
    const json = await fetchDiff(attemptId, signal);
    return filesFromJson(json.files ?? []);
  } catch (e) {
    if (e instanceof ApiError && e.status >= 400 && e.status < 500) throw e;
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    return filesFromRaw(await fetchRawDiff(attemptId, signal));
  }
}

const CHANGE_MARK: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R' };

export function DiffTab({ attemptId, headCommit }: { attemptId: string; headCommit: string | null }) {
  const query = useQuery({
    queryKey: ['attempt', attemptId, 'diff', headCommit ?? ''],
    queryFn: ({ signal }) => loadDiff(attemptId, signal),
    retry: false,
  });
  const files = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => fileTree(files), [files]);
  const sum = useMemo(() => totals(files), [files]);
  const [selectedPath, setSelected] = useState<string | null>(null);
  const [viewType, setViewType] = useState<'unified' | 'split'>('unified');
  const selected = files.find((f) => f.path === selectedPath) ?? files[0] ?? null;

  if (query.isPending) return <p className="attempt-muted">Loading the diff…</p>;
  if (query.isError) {
    return (
      <p className="attempt-muted" role="status">
        {query.error.message}
      </p>
    );
  }
  if (files.length === 0) return <p className="attempt-muted">No files changed.</p>;

  return (
    <div className="attempt-diff">
      <div className="attempt-toolbar">
        <span className="diff-stats" aria-label="Diff stats">
          {sum.files} {sum.files === 1 ? 'file' : 'files'} changed,{' '}
          <span className="diff-add">+{sum.additions}</span> <span className="diff-del">−{sum.deletions}</span>
        </span>
        <div className="attempt-segmented" role="group" aria-label="Diff layout">
          <button type="button" aria-pressed={viewType === 'unified'} onClick={() => setViewType('unified')}>
            Unified
          </button>
          <button type="button" aria-pressed={viewType === 'split'} onClick={() => setViewType('split')}>
            Split
          </button>
        </div>
      </div>
      <div className="attempt-diff-body">
        <nav className="diff-tree" aria-label="Changed files">
          <ul>
            {tree.map((row) =>
              row.type === 'dir' ? (
                <li key={`d:${row.path}`} className="diff-tree-dir" style={{ paddingLeft: `${row.depth}rem` }}>
                  {row.name}/
                </li>
              ) : (
                <li key={`f:${row.path}`} style={{ paddingLeft: `${row.depth}rem` }}>
                  <button
                    type="button"
                    className="diff-tree-file"
                    aria-current={selected?.path === row.path ? 'true' : undefined}
                    onClick={() => setSelected(row.path)}
                    title={row.path}
                  >
                    <span className={`diff-change diff-change-${row.file.change}`} title={row.file.change}>
                      {CHANGE_MARK[row.file.change] ?? '?'}
                    </span>
                    <span className="diff-tree-name">{row.name}</span>
                    <span className="visually-hidden"> {row.file.change}</span>
                    <span className="diff-add">+{row.file.additions}</span>
                    <span className="diff-del">−{row.file.deletions}</span>
                  </button>
                </li>
              ),
            )}
          </ul>
        </nav>
        {selected && <FileDiff file={selected} viewType={viewType} />}
      </div>
    </div>
  );
}

function FileDiff({ file, viewType }: { file: DiffFileEntry; viewType: 'unified' | 'split' }) {
  return (
    <section className="diff-file" aria-label={`Diff of ${file.path}`}>
      <header className="diff-file-head">
        <code>{file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path}</code>
        <span className={`diff-change-label diff-change-${file.change}`}>{file.change}</span>
        <span className="diff-add">+{file.additions}</span>
        <span className="diff-del">−{file.deletions}</span>
      </header>
      {file.truncated && <p className="attempt-note">This file's diff was too large and is cut short.</p>}
      {file.data ? (
        <div className="diff-scroll">
          <Diff viewType={viewType} diffType={diffType(file.change)} hunks={file.data.hunks}>
            {(hunks) => hunks.map((h) => <Hunk key={h.content} hunk={h} />)}
          </Diff>
        </div>
      ) : (
        <p className="attempt-muted">
          {file.binary ? 'Binary file: no lines to show.' : 'No lines changed (rename, mode change or empty file).'}
        </p>
      )}
    </section>
  );
}
