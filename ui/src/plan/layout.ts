// Runs ELK's layered algorithm on a canvas (in the page, no web worker: graphs here are small).
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkInput, Positions } from './model';

let elk: InstanceType<typeof ELK> | null = null;

/** The position of each node of `input`, top-left corner, as ELK's layered algorithm places it. */
export async function layout(input: ElkInput): Promise<Positions> {
  if (input.children.length === 0) return {};
  elk ??= new ELK();
  const result = await elk.layout(input);
  const positions: Positions = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  }
  return positions;
}
