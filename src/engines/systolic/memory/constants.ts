// Memory-system constants SCALE-Sim v2 hard-codes (no config field controls them). They are model
// semantics, not technology data: changing them would stop matching SCALE-Sim.

/** Fraction of each buffer that is active (the rest prefetches / drains): single_layer_sim.run, `active_buf_frac = 0.5`. */
export const ACTIVE_FRACTION = 0.5;
/** CALC mode first-fill bandwidth, words per cycle: single_layer_sim.run, "The number 10 elems per cycle is arbitrary". */
export const CALC_FILL_BANDWIDTH_WORDS = 10;
/** CALC read buffer: the buffer is cut into 100 sets (read_buffer_estimate_bw.set_params, `/ 100`). */
export const SETS_PER_BUFFER = 100;
/** CALC read buffer: sets per active block, int(0.5 · 100) (read_buffer_estimate_bw.set_params). */
export const SETS_PER_BLOCK = 50;
/** USER read buffer lines hold ceil(E / 100) elements (read_buffer.prepare_hashed_buffer). */
export const USER_LINES_PER_BUFFER = 100;
/** Read hit latency and DRAM read-port latency, cycles (read_buffer*.hit_latency, read_port.latency). */
export const READ_LATENCY_CYCLES = 1;
