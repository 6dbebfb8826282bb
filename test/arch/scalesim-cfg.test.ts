import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScaleSimCfg } from '../../src/arch/scalesim-cfg.js';
import { EinsimError, isEinsimError } from '../../src/errors.js';
import { readRef } from '../helpers/ref.js';

const BASE = `[general]
run_name = scale32

[architecture_presets]
ArrayHeight:    32
ArrayWidth:     32
IfmapSramSzkB:   64
FilterSramSzkB:  64
OfmapSramSzkB:   64
IfmapOffset:    0
FilterOffset:   10000000
OfmapOffset:    20000000
Bandwidth : 10
Dataflow : os
MemoryBanks:   1

[run_presets]
InterfaceBandwidth: CALC
`;

function issuesOf(text: string): EinsimError['issues'] {
  try {
    parseScaleSimCfg(text, 'x.cfg');
  } catch (e) {
    if (isEinsimError(e)) return e.issues;
    throw e;
  }
  throw new Error('expected an EinsimError');
}

describe('parseScaleSimCfg', () => {
  it('reads the reference configs', () => {
    const eyeriss = parseScaleSimCfg(readRef('scalesim', 'inputs', 'configs', 'eyeriss.cfg'), 'eyeriss.cfg');
    expect(eyeriss.runName).toBe('eyeriss');
    expect(eyeriss.config).toEqual({
      rows: 12, cols: 14, ifmapSramBytes: 36 * 1024, filterSramBytes: 36 * 1024, ofmapSramBytes: 36 * 1024,
      ifmapOffset: 0, filterOffset: 10_000_000, ofmapOffset: 20_000_000, dataflow: 'os',
      bandwidthMode: 'CALC', userBandwidthWordsPerCycle: 0, wordBytes: 1,
    });
    const user = parseScaleSimCfg(readRef('scalesim', 'inputs', 'configs', 'scale32_user_bw10.cfg'), 'u.cfg');
    expect(user.config.bandwidthMode).toBe('USER');
    expect(user.config.userBandwidthWordsPerCycle).toBe(10);
  });

  it('treats keys case-insensitively, accepts = and :, strips trailing blanks', () => {
    const text = BASE.replace('ArrayHeight:    32', 'arrayheight = 8').replace('InterfaceBandwidth: CALC', 'interfacebandwidth:   CALC   ');
    expect(parseScaleSimCfg(text, 'x.cfg').config.rows).toBe(8);
  });

  it('uses only the first Bandwidth element, and only in USER mode', () => {
    const user = BASE.replace('InterfaceBandwidth: CALC', 'InterfaceBandwidth: USER').replace('Bandwidth : 10', 'Bandwidth : 7, 20, 30');
    expect(parseScaleSimCfg(user, 'x.cfg').config.userBandwidthWordsPerCycle).toBe(7);
    const calc = BASE.replace('Bandwidth : 10', 'Bandwidth : not a number');
    expect(parseScaleSimCfg(calc, 'x.cfg').config.userBandwidthWordsPerCycle).toBe(0);
  });

  it('defaults missing offsets like scale_config (0, 10 000 000, 20 000 000)', () => {
    const text = BASE.replace(/^\w+Offset:.*$/gm, '');
    const c = parseScaleSimCfg(text, 'x.cfg').config;
    expect([c.ifmapOffset, c.filterOffset, c.ofmapOffset]).toEqual([0, 10_000_000, 20_000_000]);
  });

  it.each([
    ['InterfaceBandwidth: CALC', 'InterfaceBandwidth: calc', 'run_presets.InterfaceBandwidth', 'CALC or USER', 18],
    ['ArrayHeight:    32', 'ArrayHeight:    3x2', 'architecture_presets.ArrayHeight', 'an integer ≥ 1', 5],
    ['ArrayWidth:     32', 'ArrayWidth:     0', 'architecture_presets.ArrayWidth', 'an integer ≥ 1', 6],
    ['Dataflow : os', 'Dataflow : rs', 'architecture_presets.Dataflow', 'one of os, ws, is', 14],
  ])('names file, line, section.key and what was expected: %s → %s', (from, to, path, expected, line) => {
    const [issue] = issuesOf(BASE.replace(from, to));
    expect(issue).toMatchObject({ file: 'x.cfg', path, expected, line });
  });

  it('reports a missing key and a missing section', () => {
    expect(issuesOf(BASE.replace('ArrayWidth:     32\n', ''))).toContainEqual(expect.objectContaining({ path: 'architecture_presets.ArrayWidth', code: 'missing' }));
    expect(issuesOf(BASE.replace('[run_presets]\nInterfaceBandwidth: CALC\n', ''))).toContainEqual(expect.objectContaining({ path: 'run_presets.InterfaceBandwidth', code: 'missing' }));
  });

  it('rejects a USER config without a usable Bandwidth', () => {
    const text = BASE.replace('InterfaceBandwidth: CALC', 'InterfaceBandwidth: USER').replace('Bandwidth : 10', 'Bandwidth : 0');
    expect(issuesOf(text)[0]).toMatchObject({ path: 'architecture_presets.Bandwidth', line: 13 });
  });

  it('rejects text that is not INI', () => {
    expect(issuesOf('ArrayHeight: 3\n')[0]).toMatchObject({ code: 'parse', line: 1 });
    expect(issuesOf('[general]\nno separator here\n')[0]).toMatchObject({ code: 'parse', line: 2 });
  });

  it('only ever returns a config or throws EinsimError (fuzz)', () => {
    const lines = fc.oneof(
      fc.constantFrom(...BASE.split('\n')),
      fc.string(),
      fc.tuple(fc.constantFrom('ArrayHeight', 'Bandwidth', 'Dataflow', 'InterfaceBandwidth', '[general]', 'run_name'), fc.constantFrom(':', '=', ' '), fc.string()).map(([k, s, v]) => `${k}${s}${v}`),
    );
    fc.assert(
      fc.property(fc.array(lines, { maxLength: 30 }), (ls) => {
        try {
          const r = parseScaleSimCfg(ls.join('\n'), 'f.cfg');
          return Number.isInteger(r.config.rows) && r.config.rows >= 1;
        } catch (e) {
          return isEinsimError(e) && e.issues.length > 0 && e.issues.every((i) => i.file === 'f.cfg');
        }
      }),
      { numRuns: 500 },
    );
  });
});
