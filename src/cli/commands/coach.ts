/**
 * `mend coach`: the gentle-language coach for scripts.
 *   mend coach --jsonl                 JSON lines {"kind", "text"} on stdin → one JSON line each, in order
 *   mend coach message|apology|agreement "text"   → the same JSON for one text
 * Nothing is stored or logged; texts go only to standard output.
 */
import { createInterface } from 'node:readline';
import { COACH_MAX_TEXT, analyze, isCoachKind, type CoachResult } from '../../core/coach/index.js';

export interface CoachIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `Usage: mend coach --jsonl
       mend coach message|apology|agreement "text"

--jsonl reads one JSON object per line, {"kind": "message"|"apology"|"agreement", "text": "…"},
and writes one JSON result per line in the same order. A line that cannot be analysed gets
{"error": "…"} and the rest go on. Blank lines are skipped. Texts may be up to ${COACH_MAX_TEXT} characters.
`;

type LineResult = CoachResult | { error: string };

/** Analyses one input line; never throws. */
export function coachLine(line: string): LineResult {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: 'This line is not valid JSON.' };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { error: 'Each line must be a JSON object with "kind" and "text".' };
  }
  const { kind, text } = input as { kind?: unknown; text?: unknown };
  if (!isCoachKind(kind)) return { error: '"kind" must be "message", "apology" or "agreement".' };
  if (typeof text !== 'string') return { error: '"text" must be a string.' };
  if (text.length > COACH_MAX_TEXT) return { error: `"text" is longer than ${COACH_MAX_TEXT} characters.` };
  return analyze(kind, text);
}

function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else stream.once('drain', () => resolve());
  });
}

async function runJsonl(io: CoachIo): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    await write(io.stdout, JSON.stringify(coachLine(line)) + '\n');
  }
  return 0;
}

export async function runCoachCommand(args: string[], io: CoachIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (first === '--jsonl' && rest.length === 0) return runJsonl(io);
  if (isCoachKind(first) && rest.length === 1) {
    const text = rest[0] as string;
    if (text.length > COACH_MAX_TEXT) {
      io.stderr.write(`mend coach: the text is longer than ${COACH_MAX_TEXT} characters.\n`);
      return 2;
    }
    await write(io.stdout, JSON.stringify(analyze(first, text)) + '\n');
    return 0;
  }
  const problem =
    first === undefined
      ? 'say what to analyse.'
      : isCoachKind(first)
        ? `give the ${first} as one quoted argument.`
        : first === '--jsonl'
          ? '--jsonl takes no other arguments.'
          : `unknown option or kind "${first}".`;
  io.stderr.write(`mend coach: ${problem}\n\n${USAGE}`);
  return 2;
}
