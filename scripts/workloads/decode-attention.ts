// Attention of one new token over a KV cache of L earlier tokens plus itself, as Einsums. The
// cache is an input (KC, VC: [kv heads, m, head size], the HuggingFace layout) and the new key and
// value are this step's; the softmax runs over both segments, stably (the max over both first).
import type { WorkloadWriter } from './yaml-writer.js';

/**
 * `heads` are the rank names that index a query head (['h'] for multi-head; ['g', 'r'] for grouped
 * query attention, where g indexes the KV head and r the query heads sharing it), `kv` those of
 * the KV head. `cacheScores` and `newScore` are the right-hand sides of the score contractions
 * (query · cached keys, summed over the head size, and query · new key); writing them is left to
 * the caller because RoPE changes how the head size is indexed.
 */
export function decodeAttention(
  w: WorkloadWriter,
  o: {
    prefix: string;
    layer: string;
    heads: string[];
    headShape: (string | number)[];
    kv: string[];
    /** The score contraction with the cache, written for output `${prefix}sc[heads, m]`. */
    cacheScores: string;
    /** The score contraction with the new key, for output `${prefix}sn[heads]`. */
    newScore: string;
    vc: string;
    vNew: string;
  },
): string {
  const p = o.prefix;
  const hs = o.heads.join(',');
  const kvs = o.kv.join(',');
  const t = (name: string, extra: string[] = [], extraShape: (string | number)[] = []) => w.tensor(`${p}${name}`, [...o.heads, ...extra], [...o.headShape, ...extraShape]);
  t('sc', ['m'], ['L']);
  t('sn');
  t('gmc');
  t('gm');
  t('ec', ['m'], ['L']);
  t('en');
  t('sd');
  t('avc', ['f'], ['E']);
  t('av', ['f'], ['E']);
  const ann = { layer: o.layer };
  w.einsum(`${p}sc[${hs},m] = ${o.cacheScores}`, ann);
  w.einsum(`${p}sn[${hs}] = ${o.newScore}`, ann);
  w.einsum(`${p}gmc[${hs}] = max(m) ${p}sc[${hs},m]`, ann);
  w.einsum(`${p}gm[${hs}] = max(${p}gmc[${hs}], ${p}sn[${hs}])`, ann);
  w.einsum(`${p}ec[${hs},m] = exp((${p}sc[${hs},m] - ${p}gm[${hs}]) * SCALE)`, ann);
  w.einsum(`${p}en[${hs}] = exp((${p}sn[${hs}] - ${p}gm[${hs}]) * SCALE)`, ann);
  w.einsum(`${p}sd[${hs}] = sum(m) ${p}ec[${hs},m]`, ann);
  w.einsum(`${p}avc[${hs},f] = ${p}ec[${hs},m] * ${o.vc}[${kvs},m,f]`, ann);
  w.einsum(`${p}av[${hs},f] = (${p}avc[${hs},f] + ${p}en[${hs}] * ${o.vNew}[${kvs},f]) / (${p}sd[${hs}] + ${p}en[${hs}])`, ann);
  return `${p}av`;
}
