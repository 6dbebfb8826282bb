// A reader for DRAMsim3 configuration files. DRAMsim3 uses inih's INIReader
// (umd-memsys/DRAMsim3@2981759 ext/headers/INIReader.h), so this follows inih's rules, not a
// generic INI dialect: section and key names are case-insensitive; `;` or `#` starts a comment
// line; an inline `;` comment counts only after whitespace (so `tRPRE = 1; read preamble` keeps
// the value `1; read preamble`, and numbers are then read as a prefix the way strtol does).
// No I/O here: the caller passes the text.
import { EinsimError, type Issue } from '../errors.js';

export interface IniEntry {
  value: string;
  /** 1-based line of the value, for error messages. */
  line: number;
}

export interface IniDocument {
  file: string;
  /** `section.key` (lower case) → entry. A repeated key keeps the first value, as strtol on inih's joined value does. */
  entries: Map<string, IniEntry>;
}

export function iniKey(section: string, key: string): string {
  return `${section}.${key}`.toLowerCase();
}

export function parseIni(text: string, file = '<string>'): IniDocument {
  const entries = new Map<string, IniEntry>();
  const issues: Issue[] = [];
  let section = '';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith(';') || raw.startsWith('#')) continue;
    const content = stripInlineComment(raw);
    if (content.startsWith('[')) {
      const close = content.indexOf(']');
      if (close < 0) {
        issues.push({ file, line, path: content, code: 'parse', expected: 'a section header like [timing]' });
        continue;
      }
      section = content.slice(1, close).trim();
      continue;
    }
    const eq = content.search(/[=:]/);
    if (eq < 0) {
      issues.push({ file, line, path: section, code: 'parse', expected: 'a `name = value` line', received: content });
      continue;
    }
    const key = iniKey(section, content.slice(0, eq).trim());
    if (!entries.has(key)) entries.set(key, { value: content.slice(eq + 1).trim(), line });
  }
  if (issues.length > 0) throw new EinsimError(issues);
  return { file, entries };
}

/** inih: an inline `;` starts a comment only when the previous character is whitespace. */
function stripInlineComment(s: string): string {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === ';' && /\s/.test(s[i - 1])) return s.slice(0, i).trimEnd();
  }
  return s;
}

/**
 * The leading number of a value, as C's strtol / strtod read it (`1; read preamble` → 1,
 * `0x10` → 16 for integers). Undefined when the value does not start with a number.
 */
export function leadingNumber(value: string, integer: boolean): number | undefined {
  const s = value.trim();
  if (integer) {
    const hex = /^[+-]?0x[0-9a-f]+/i.exec(s);
    if (hex) return Number.parseInt(hex[0], 16);
    const dec = /^[+-]?\d+/.exec(s);
    return dec ? Number.parseInt(dec[0], 10) : undefined;
  }
  const real = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(s);
  return real ? Number.parseFloat(real[0]) : undefined;
}

/** inih GetBoolean: true/yes/on/1 and false/no/off/0, case-insensitive. */
export function parseIniBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'on' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === 'off' || v === '0') return false;
  return undefined;
}
