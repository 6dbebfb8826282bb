// Output files are written whole or not at all: each goes to a temporary sibling first and is
// renamed into place, so an interrupted or failed run never leaves a half-written report.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EinsimError } from '../errors.js';
import type { TraceArtifact, TraceEvent } from '../engines/result.js';

export function writeFileAtomic(path: string, lines: Iterable<string>): void {
  const tmp = join(dirname(path), `.${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      // Batch small lines into larger writes: traces can have millions of rows.
      let buffer = '';
      for (const line of lines) {
        buffer += line;
        if (buffer.length > 1 << 16) {
          writeSync(fd, buffer);
          buffer = '';
        }
      }
      if (buffer) writeSync(fd, buffer);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    // `force` ignores only a missing file: when the folder itself could not be made (a path
    // through an existing file, ENOTDIR), removing the temporary file fails too; the user's
    // problem is the path, not the clean-up.
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was created */
    }
    throw new EinsimError({ file: path, path: '', code: 'io', expected: 'a writable output path', received: (e as Error).message });
  }
}

/** Lines of a Chrome trace-event JSON file (https://ui.perfetto.dev opens it). */
export function* chromeTraceLines(events: readonly TraceEvent[], metadata: Record<string, unknown> = {}): Iterable<string> {
  yield `{"displayTimeUnit":"ns","otherData":${JSON.stringify(metadata)},"traceEvents":[\n`;
  for (let i = 0; i < events.length; i++) yield `${JSON.stringify(events[i])}${i + 1 < events.length ? ',' : ''}\n`;
  yield ']}\n';
}

/** Write every trace artifact of a run plus its timeline into `dir`; returns the paths written. */
export function writeTraceDir(dir: string, artifacts: readonly TraceArtifact[], timeline: readonly TraceEvent[] | undefined, metadata: Record<string, unknown>): string[] {
  const written: string[] = [];
  for (const a of artifacts) {
    const path = join(dir, a.path);
    writeFileAtomic(path, a.lines());
    written.push(path);
  }
  if (timeline) {
    const path = join(dir, 'timeline.json');
    writeFileAtomic(path, chromeTraceLines(timeline, metadata));
    written.push(path);
  }
  return written;
}
