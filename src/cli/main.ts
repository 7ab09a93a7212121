import { infoCommand, packetsCommand, UnreadableError, UsageError } from './commands';
import { connsCommand } from './conns';
import { explainCommand } from './explain';
import { segmentsCommand } from './segments';

const USAGE = `usage: wirelane <command> FILE [options]

commands:
  info FILE [--json]          what the capture holds (like capinfos), with diagnostics
  packets FILE [--ndjson]     one line per packet (tcpdump-like text, or JSON objects)
  segments FILE [--ndjson]    one line per TCP segment with relative seq/ack, analysis flags, states
  conns FILE [--json]         one entry per TCP connection: roles, handshake, close, state timelines
  explain FILE --stream N --what handshake|teardown|segment [--frame F] [--lang en|zh-cn] [--format markdown|text]
                              the story of a handshake, a teardown or one segment, with the capture's numbers

Exit status: 0 when the file was read (even with warnings), 2 when it could not be read.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (command === 'explain') return explainCommand(rest); // its options take values
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const files = rest.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) throw new UsageError(`${command}: expected exactly one FILE`);
  const known: Record<string, string[]> = { info: ['--json'], packets: ['--ndjson'], segments: ['--ndjson'], conns: ['--json'] };
  if (!known[command]) throw new UsageError(`unknown command "${command}"`);
  for (const f of flags) if (!known[command].includes(f)) throw new UsageError(`${command}: unknown option ${f}`);
  if (command === 'info') return infoCommand(files[0], flags.has('--json'));
  if (command === 'segments' || command === 'conns') {
    const run = command === 'segments' ? segmentsCommand(files[0], flags.has('--ndjson')) : connsCommand(files[0], flags.has('--json'));
    for (const d of await run) {
      process.stderr.write(`wirelane: ${files[0]}: ${d.severity}: offset ${d.offset}: ${d.message} [${d.code}]\n`);
    }
    return;
  }
  return packetsCommand(files[0], flags.has('--ndjson'));
}

main(process.argv.slice(2)).then(
  () => { process.exitCode = process.exitCode ?? 0; },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`wirelane: ${err.message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (err instanceof UnreadableError) {
      process.stderr.write(`wirelane: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      const e = err as NodeJS.ErrnoException;
      // I/O errors (missing file, a directory, no permission): one line, no stack.
      process.stderr.write(`wirelane: ${e.code ? `${e.code}: ` : ''}${e.message}\n`);
      process.exitCode = 2;
    }
  },
);
