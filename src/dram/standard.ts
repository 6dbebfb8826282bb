// A DRAM standard as data: its commands, timing constraints and activation windows, and the
// one-time compilation of the latency expressions against a configuration's timing values
// into flat typed arrays the timing engine (channel-state.ts) walks without lookups.
import { EinsimError } from '../errors.js';
import { JEDEC_COMMANDS, type CommandSpec } from './commands.js';
import { derivedTiming, TIMING_NAMES, type DramConfig, type DramTiming } from './config.js';
import { compileExpression, ExpressionError, type TimingValues } from './expression.js';
import { JEDEC_TIMING, JEDEC_WINDOWS, TIMING_SCOPES, type TimingConstraint, type TimingScope, type WindowConstraint } from './timing-table.js';

export interface DramStandard {
  name: string;
  commands: readonly CommandSpec[];
  constraints: readonly TimingConstraint[];
  windows: readonly WindowConstraint[];
}

export const JEDEC_STANDARD: DramStandard = {
  name: 'JEDEC (DRAMsim3 timing model)',
  commands: JEDEC_COMMANDS,
  constraints: JEDEC_TIMING,
  windows: JEDEC_WINDOWS,
};

/**
 * A standard plus extra commands, constraints and windows (how a PIM layer adds all-bank ACT
 * or MAC commands). Extra timing names (e.g. nCCDAB) come with the values at compile time.
 */
export function extendStandard(base: DramStandard, extra: Partial<Omit<DramStandard, 'name'>> & { name: string }): DramStandard {
  return {
    name: extra.name,
    commands: [...base.commands, ...(extra.commands ?? [])],
    constraints: [...base.constraints, ...(extra.constraints ?? [])],
    windows: [...base.windows, ...(extra.windows ?? [])],
  };
}

/** The standard a configuration runs on: JEDEC plus the configuration's own rows, if any. */
export function standardFor(config: DramConfig): DramStandard {
  const ext = config.timingExtension;
  return ext ? extendStandard(JEDEC_STANDARD, { name: `${JEDEC_STANDARD.name} + ${config.name}`, constraints: ext.constraints }) : JEDEC_STANDARD;
}

/** Compile the standard of a configuration against its timing. */
export function compileFor(config: DramConfig, standard = standardFor(config), extraTiming: Record<string, number> = {}): CompiledStandard {
  return compileStandard(standard, timingValues(config.timing, { ...config.timingExtension?.values, ...extraTiming }), config.name);
}

/** The names latency expressions may use, with their values for one configuration. */
export function timingValues(timing: DramTiming, extra: Record<string, number> = {}): Record<string, number> {
  return { ...timing, ...derivedTiming(timing), ...extra };
}

export interface CompiledWindow {
  /** 1 for commands counted by this window. */
  counts: Uint8Array;
  count: number;
  windowCycles: number;
  rule: string;
}

export interface CompiledStandard {
  standard: DramStandard;
  commands: readonly CommandSpec[];
  index: ReadonlyMap<string, number>;
  /**
   * For preceding command c and scope s: `rules[c * SCOPES + s]` is a flat list
   * [following0, cycles0, following1, cycles1, ...] (only positive latencies; a zero or
   * negative one can never delay a later command).
   */
  rules: Int32Array[];
  windows: CompiledWindow[];
  values: Readonly<Record<string, number>>;
  /** The rule name behind each (preceding, scope, following) entry, for the trace checker. */
  ruleNames: Map<string, string>;
}

export const SCOPE_COUNT = TIMING_SCOPES.length;
export const SCOPE_INDEX: Readonly<Record<TimingScope, number>> = Object.fromEntries(TIMING_SCOPES.map((s, i) => [s, i])) as Record<TimingScope, number>;

export function ruleKey(preceding: number, scope: number, following: number): string {
  return `${preceding}/${scope}/${following}`;
}

/** Compile a standard against timing values; throws EinsimError naming the bad row. */
export function compileStandard(standard: DramStandard, values: TimingValues, file = '<standard>'): CompiledStandard {
  const index = new Map<string, number>();
  standard.commands.forEach((c, i) => {
    if (index.has(c.name)) throw new EinsimError({ file, path: `commands[${i}]`, code: 'duplicate', expected: 'a unique command name', received: c.name });
    index.set(c.name, i);
  });
  const names = new Set(Object.keys(values));
  const nCmd = standard.commands.length;
  // Largest latency per (preceding, scope, following): later rows can only tighten.
  const latency = new Map<string, { cycles: number; rule: string }>();
  const evaluate = (expression: string, path: string): number => {
    try {
      const v = compileExpression(expression, names)(values);
      if (!Number.isFinite(v)) throw new ExpressionError(expression, 'a finite number of cycles', String(v));
      return Math.ceil(v);
    } catch (e) {
      if (e instanceof ExpressionError) throw new EinsimError({ file, path, code: 'invalid_value', expected: e.expected, received: e.received });
      throw e;
    }
  };
  const commandIndex = (name: string, path: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new EinsimError({ file, path, code: 'unknown_name', expected: `a command of ${standard.name} (${[...index.keys()].join(', ')})`, received: name });
    return i;
  };
  standard.constraints.forEach((row, r) => {
    const path = `constraints[${r}] (${row.rule})`;
    const cycles = evaluate(row.latency, `${path}.latency`);
    const scope = SCOPE_INDEX[row.scope];
    if (scope === undefined) throw new EinsimError({ file, path: `${path}.scope`, code: 'unknown_name', expected: `one of ${TIMING_SCOPES.join(', ')}`, received: row.scope });
    for (const p of row.preceding) {
      const pi = commandIndex(p, `${path}.preceding`);
      for (const f of row.following) {
        const fi = commandIndex(f, `${path}.following`);
        const key = ruleKey(pi, scope, fi);
        const prev = latency.get(key);
        if (!prev || cycles > prev.cycles) latency.set(key, { cycles, rule: row.rule });
      }
    }
  });
  const rules: Int32Array[] = [];
  const ruleNames = new Map<string, string>();
  for (let p = 0; p < nCmd; p++) {
    for (let s = 0; s < SCOPE_COUNT; s++) {
      const flat: number[] = [];
      for (let f = 0; f < nCmd; f++) {
        const entry = latency.get(ruleKey(p, s, f));
        if (entry && entry.cycles > 0) {
          flat.push(f, entry.cycles);
          ruleNames.set(ruleKey(p, s, f), entry.rule);
        }
      }
      rules.push(Int32Array.from(flat));
    }
  }
  const windows: CompiledWindow[] = [];
  standard.windows.forEach((w, i) => {
    const windowCycles = evaluate(w.window, `windows[${i}].window`);
    if (windowCycles <= 0 || w.count <= 0) return; // disabled for this protocol (e.g. t32AW outside GDDR)
    const counts = new Uint8Array(nCmd);
    for (const c of w.commands) counts[commandIndex(c, `windows[${i}].commands`)] = 1;
    windows.push({ counts, count: w.count, windowCycles, rule: w.rule });
  });
  return { standard, commands: standard.commands, index, rules, windows, values, ruleNames };
}

