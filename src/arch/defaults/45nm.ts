// Default 45 nm technology table. Every number is from ../shared/ref/fusemax/
// accelergy_default_energies.csv (Accelergy plug-in tables and timeloop-accelergy-exercises
// reference ERT/ART outputs) or accelergy_action_energy_fusemax_45nm.csv (FuseMax artifact
// ERT/ART at 45 nm), as cited beside it. Rows the CSV gives at 40 nm (Aladdin) are used as
// 45 nm, as Accelergy's own 45 nm designs do.
import type { ComponentSpec, PricedValue } from '../types.js';
import { scaleMemory, type MemoryPoint, type PriceResult, type TechnologyTable } from './table.js';

const NODE = '45nm';
const p = (value: number, source: string): PricedValue => ({ value, source: `default ${NODE}: ${source}` });

/** MAC units by precision: energy of one multiply-accumulate, and of an add or multiply alone. */
const MAC: Record<string, { mac: PricedValue; add: PricedValue; mul: PricedValue; areaUm2: PricedValue }> = {
  int8: {
    // intmac 8b mult / 16b add, simple_weight_stationary reference ERT/ART (Aladdin adder+multiplier).
    mac: p(0.315, 'Accelergy intmac 8b (timeloop-accelergy-exercises simple_weight_stationary ERT)'),
    // 32-bit int adder @1ns 0.21 pJ (accelergy-library-plug-in aladdin_adder) — used for a lone add.
    add: p(0.21, 'Accelergy library aladdin_adder 32b @1ns'),
    mul: p(0.105, 'intmac 8b (0.315) minus the aladdin 32b adder (0.21) (derived)'),
    areaUm2: p(417, 'Accelergy intmac 8b ART (simple_weight_stationary)'),
  },
  fp16: {
    // FuseMax artifact ERT: fp16 MAC = fp adder 8.3395 + fp multiplier 8.825 (Aladdin table).
    mac: p(17.1645, 'FuseMax artifact ERT fp16 MAC (Aladdin fp adder 8.3395 + multiplier 8.825)'),
    add: p(8.3395, 'FuseMax artifact ERT fp16 adder (Aladdin)'),
    mul: p(8.825, 'FuseMax artifact ERT fp16 multiplier (Aladdin)'),
    areaUm2: p(1545.0, 'FuseMax artifact ART fp16 MAC'),
  },
  fp32: {
    // Aladdin fp_sp_adder 7.928 pJ / 2060 µm² and fp_sp_multiplier 24.4 pJ / 2060 µm² (@5ns, 40nm).
    mac: p(7.928 + 24.4, 'Aladdin fp_sp_adder + fp_sp_multiplier @5ns (accelergy-aladdin-plug-in)'),
    add: p(7.928, 'Aladdin fp_sp_adder @5ns'),
    mul: p(24.4, 'Aladdin fp_sp_multiplier @5ns'),
    areaUm2: p(2060 + 2060, 'Aladdin fp_sp_adder + fp_sp_multiplier area'),
  },
};
// bf16 has fp16's width; the FuseMax fp16 unit is the closest sourced point.
MAC.bf16 = MAC.fp16;

const SRAM_POINTS: MemoryPoint[] = [
  { sizeBytes: 128 * 1024, widthBits: 64, readPj: 32.38, writePj: 26.16, areaUm2: 429746, source: 'CactiSRAM 128KiB 64b, simple_weight_stationary shared_glb ERT/ART' },
  { sizeBytes: 64 * 1024, widthBits: 256, readPj: 51.87, writePj: 66.31, areaUm2: 199065, source: 'CactiSRAM 64KiB 256b, simba_like GlobalBuffer ERT/ART' },
  { sizeBytes: 256 * 1024, widthBits: 256, readPj: 124.7, writePj: 118.12, areaUm2: 1069102, source: 'CactiSRAM 256KiB 256b, sparse_tensor_core_like SMEM ERT/ART' },
  { sizeBytes: 16 * 1024 * 1024, widthBits: 4096, readPj: 484.97, writePj: 451.3, areaUm2: 94176256, source: 'CactiSRAM 16MiB 4096b 32 banks, FuseMax artifact global_buffer ERT/ART' },
];

const REGFILE_POINTS: MemoryPoint[] = [
  { sizeBytes: 2, widthBits: 16, readPj: 0.144, writePj: 0.144, areaUm2: 95.68, source: 'aladdin_register 16b, simple_weight_stationary ERT (0.009 pJ/bit)' },
  { sizeBytes: 8, widthBits: 16, readPj: 0.2915, writePj: 0.2915, areaUm2: 1838.15, source: 'FuseMax artifact ERT/ART, FLAT 2D PE reg_file 4x16b (read energy; write taken equal)' },
  { sizeBytes: 24, widthBits: 16, readPj: 0.6534, writePj: 0.5696, areaUm2: 4255.93, source: 'FuseMax artifact ERT/ART, 2D PE reg_file 12x16b' },
  { sizeBytes: 384, widthBits: 16, readPj: 0.68, writePj: 1.58, areaUm2: 1420, source: 'smartbuffer_SRAM 192x16b pe_spad, simple_weight_stationary ERT/ART' },
];

/** DRAM energy per bit transferred, by standard (Accelergy CactiDRAM type2energy). */
const DRAM_PJ_PER_BIT: Record<string, PricedValue> = {
  HBM2: p(3.9, 'Accelergy cacti_wrapper CactiDRAM HBM2 3.9 pJ/bit'),
  LPDDR4: p(8, 'Accelergy cacti_wrapper CactiDRAM LPDDR4 8 pJ/bit'),
  GDDR5: p(14, 'Accelergy cacti_wrapper CactiDRAM GDDR5 14 pJ/bit'),
  DDR3: p(70, 'Accelergy cacti_wrapper CactiDRAM DDR3 70 pJ/bit (Chatterjee MICRO 17)'),
  HMC: p(4.2, 'Accelergy cacti_wrapper CactiDRAM HMC 4.2 pJ/bit'),
};

const FIXED: Record<string, { action: string; energy: PricedValue; areaUm2: PricedValue }> = {
  comparator: { action: 'max', energy: p(0.028, 'FuseMax artifact ERT max (comparator + mux, Aladdin)'), areaUm2: p(49.29, 'FuseMax artifact ART max unit') },
  exp: { action: 'exp', energy: p(94.6475, 'FuseMax artifact ERT exp unit (5 fp MAC + 1 fp multiplier)'), areaUm2: p(8240.0, 'FuseMax artifact ART exp unit') },
  divider: { action: 'div', energy: p(36.2512, 'FuseMax artifact ERT divider (32b, scaled from 550.24 pJ @90nm, Xia et al. 2021)'), areaUm2: p(23740.94, 'FuseMax artifact ART divider') },
  adder: { action: 'add', energy: MAC.fp16.add, areaUm2: p(1030.0, 'FuseMax artifact ART fp16 adder') },
};

function num(c: ComponentSpec, key: string): number | undefined {
  const v = c.attributes[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export const TECH_45NM: TechnologyTable = {
  node: NODE,
  summary: 'Accelergy default 45 nm tables (CACTI, Aladdin) and the FuseMax artifact 45 nm ERT/ART',
  price(c): PriceResult {
    switch (c.class) {
      case 'mac': {
        const precision = String(c.attributes.precision ?? 'int8');
        const m = MAC[precision];
        if (!m) return { ok: false, reason: `no ${NODE} MAC for precision ${precision} (known: ${Object.keys(MAC).join(', ')})` };
        const { areaUm2, ...energyPj } = m;
        // A MAC unit can also be used as a bare adder / multiplier (exp as 6 MAC + 1 add on FuseMax PEs).
        return { ok: true, price: { energyPj, areaUm2 } };
      }
      case 'comparator':
      case 'exp':
      case 'divider':
      case 'adder': {
        const f = FIXED[c.class];
        const energyPj: Record<string, PricedValue> = { [f.action]: f.energy };
        if (c.class === 'comparator') energyPj.min = f.energy;
        return { ok: true, price: { energyPj, areaUm2: f.areaUm2 } };
      }
      case 'sram':
      case 'regfile': {
        const sizeBytes = num(c, 'sizeBytes');
        const widthBits = num(c, 'widthBits');
        if (sizeBytes === undefined || widthBits === undefined) return { ok: false, reason: `${c.class} needs attributes sizeBytes and widthBits to be priced` };
        return { ok: true, price: scaleMemory(c.class === 'sram' ? SRAM_POINTS : REGFILE_POINTS, sizeBytes, widthBits, NODE) };
      }
      case 'dram': {
        const standard = String(c.attributes.standard ?? '');
        const perBit = DRAM_PJ_PER_BIT[standard];
        if (!perBit) return { ok: false, reason: `no ${NODE} DRAM energy for standard "${standard}" (known: ${Object.keys(DRAM_PJ_PER_BIT).join(', ')})` };
        const perByte = { value: perBit.value * 8, source: `${perBit.source} × 8 bit/B` };
        // DRAM area is off chip: zero, as Accelergy's CactiDRAM reports.
        return { ok: true, price: { energyPj: { read_bytes: perByte, write_bytes: perByte }, areaUm2: p(0, 'off-chip DRAM (Accelergy CactiDRAM area 0)') } };
      }
      default:
        return { ok: false, reason: `the ${NODE} table has no model for class "${c.class}"` };
    }
  },
};
