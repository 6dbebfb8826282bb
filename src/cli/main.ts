// The einsim command line. Commands are registered from src/cli/commands/*.ts in one literal
// list below. User errors (EinsimError) print one line per issue on stderr and exit 1; anything
// else is a bug in einsim and prints a short message asking for a report (exit 2).
import yargs from 'yargs';
import { isEinsimError, formatIssue } from '../errors.js';
import { VERSION } from '../version.js';
import { registerRun } from './commands/run.js';
import { registerExplain } from './commands/explain.js';
import { registerSweep } from './commands/sweep.js';
import { registerCompare } from './commands/compare.js';
import { registerCheck } from './commands/check.js';
import { registerList } from './commands/list.js';
import { registerRepro } from './commands/repro.js';
import { dramCommand } from './commands/dram.js';

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('einsim')
    .usage('$0 <command> [options]\n\nAccelerator architecture simulator for Einsum cascades.')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'Name a command; `einsim --help` lists them.')
    .recommendCommands()
    .help()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((msg, err) => {
      if (err) throw err; // an EinsimError or a bug: handled by the caller
      throw new UsageError(msg);
    });

  for (const register of COMMANDS) register(parser, (code) => (exitCode = code));

  try {
    await parser.parseAsync();
    return exitCode;
  } catch (e) {
    if (isEinsimError(e)) {
      for (const issue of e.issues) process.stderr.write(`einsim: ${formatIssue(issue)}\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`einsim: ${e.message} (see einsim --help)\n`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`einsim: internal error: ${message}\nThis is a bug in einsim; please report it with the command you ran.\n`);
    if (process.env.EINSIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

class UsageError extends Error {}

/** A command registers itself on the parser; `setExit` records its exit code. */
export type CommandRegistrar = (parser: ReturnType<typeof yargs>, setExit: (code: number) => void) => void;

const COMMANDS: CommandRegistrar[] = [registerCheck, registerList, registerRun, registerExplain, registerCompare, registerSweep, registerRepro, dramCommand];
