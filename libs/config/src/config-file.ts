import { readFileSync } from 'node:fs';
import { ConfigFileError } from './config-error.js';

/** 1-based line and column of character `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Parses a JSON config file's text. A syntax error becomes a ConfigFileError naming the file, the
 * line and column (from V8's "at position N", or the end of the text when it ran out), and what
 * was wrong, instead of a bare SyntaxError.
 */
export function parseConfigJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = lineAndColumn(text, offset);
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'the JSON ends early');
    throw new ConfigFileError(file, line, column, `invalid JSON: ${reason}`);
  }
}

/** Reads the `context` object of an app's cdktf.json (the environment's config). */
export function readCdktfContext(cdktfJsonPath: string): unknown {
  let text: string;
  try {
    text = readFileSync(cdktfJsonPath, 'utf8');
  } catch (error) {
    throw new ConfigFileError(cdktfJsonPath, 1, 1, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const json = parseConfigJson(text, cdktfJsonPath);
  if (json === null || typeof json !== 'object' || !('context' in json)) {
    throw new ConfigFileError(cdktfJsonPath, 1, 1, 'has no "context" object holding the environment\'s config');
  }
  return (json as { context: unknown }).context;
}
