import { describe, expect, it } from 'vitest';
import { fileTree, filesFromJson, filesFromRaw, totals } from './diffModel';

const RAW = `diff --git a/src/app/main.ts b/src/app/main.ts
index 1111111..2222222 100644
--- a/src/app/main.ts
+++ b/src/app/main.ts
@@ -1,3 +1,3 @@
 import x from 'x';
-const a = 1;
+const a = 2;
 export default a;
diff --git a/README.md b/README.md
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/README.md
@@ -0,0 +1,2 @@
+# Hello
+world
diff --git a/src/old.ts b/src/old.ts
deleted file mode 100644
index 4444444..0000000
--- a/src/old.ts
+++ /dev/null
@@ -1 +0,0 @@
-gone
diff --git a/src/app/a.ts b/src/app/b.ts
similarity index 80%
rename from src/app/a.ts
rename to src/app/b.ts
index 5555555..6666666 100644
--- a/src/app/a.ts
+++ b/src/app/b.ts
@@ -1,2 +1,2 @@
 keep
-old
+new
`;

describe('filesFromRaw', () => {
  it('parses a raw unified diff into files with change types and counts', () => {
    const files = filesFromRaw(RAW);
    expect(files.map((f) => [f.path, f.change, f.additions, f.deletions])).toEqual([
      ['src/app/main.ts', 'modified', 1, 1],
      ['README.md', 'added', 2, 0],
      ['src/old.ts', 'deleted', 0, 1],
      ['src/app/b.ts', 'renamed', 1, 1],
    ]);
    expect(files[3].oldPath).toBe('src/app/a.ts');
    expect(files[0].data?.hunks).toHaveLength(1);
    expect(totals(files)).toEqual({ files: 4, additions: 4, deletions: 3 });
    expect(filesFromRaw('')).toEqual([]);
  });

  it('builds a file tree: directories first, single-child directories folded', () => {
    const tree = fileTree(filesFromRaw(RAW));
    expect(tree.map((r) => `${'  '.repeat(r.depth)}${r.type === 'dir' ? `${r.name}/` : r.name}`)).toEqual([
      'src/',
      '  app/',
      '    b.ts',
      '    main.ts',
      '  old.ts',
      'README.md',
    ]);
    const deep = fileTree(
      filesFromJson([{ path: 'a/b/c/d.txt', change: 'added', additions: 1, deletions: 0, patch: '' }]),
    );
    expect(deep.map((r) => [r.type, r.name, r.depth])).toEqual([
      ['dir', 'a/b/c', 0],
      ['file', 'd.txt', 1],
    ]);
  });
});

describe('filesFromJson', () => {
  it('parses each file patch (hunks only) with react-diff-view', () => {
    const files = filesFromJson([
      {
        path: 'hello.txt',
        change: 'added',
        additions: 2,
        deletions: 0,
        patch: '@@ -0,0 +1,2 @@\n+# Task: Write notes\n+hello\n',
        binary: false,
        truncated: false,
      },
      { path: 'logo.png', change: 'modified', additions: 0, deletions: 0, patch: '', binary: true },
      { path: 'b.txt', old_path: 'a.txt', change: 'renamed', additions: 0, deletions: 0, patch: '' },
    ]);
    expect(files[0].data?.hunks[0].changes.map((c) => [c.type, c.content])).toEqual([
      ['insert', '# Task: Write notes'],
      ['insert', 'hello'],
    ]);
    expect(files[1]).toMatchObject({ binary: true, data: null });
    expect(files[2]).toMatchObject({ change: 'renamed', oldPath: 'a.txt', data: null });
  });
});
