// The three dataflows by name (a literal table: no registration by import side effect).
import type { Dataflow } from '../types.js';
import type { DataflowModel } from './model.js';
import { outputStationary } from './os.js';
import { weightStationary } from './ws.js';
import { inputStationary } from './is.js';

export const DATAFLOWS: Record<Dataflow, DataflowModel> = {
  os: outputStationary,
  ws: weightStationary,
  is: inputStationary,
};
