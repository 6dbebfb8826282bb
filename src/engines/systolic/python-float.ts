// Python's str() of a float (repr since Python 3.1): the shortest digits that round-trip, fixed
// notation with at least one fractional digit ('10.0') when the decimal exponent is in [−4, 16),
// otherwise scientific with a signed, at-least-two-digit exponent ('1e-05', '1.5e+16').
// SCALE-Sim prints every utilization, bandwidth and start/stop cycle this way (scalesim.md §5).

export function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest round-trip digits (ECMA-262 Number::toString).
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${expAbs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** Python's str() of an int. */
export function pyIntStr(n: number): string {
  return Number.isInteger(n) ? String(n) : pyFloatStr(n);
}
