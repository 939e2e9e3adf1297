/** Where a template is broken, 1-based, and why. */
export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

export interface LexerLocation {
  first_line?: number;
  first_column?: number;
}

interface HandlebarsExceptionLike {
  message: string;
  lineNumber?: unknown;
  column?: unknown;
}

/**
 * Turns a Handlebars compile error into a line and column. Compiler exceptions carry
 * `lineNumber`/`column`; parser errors only say "Parse error on line N", so the column
 * comes from the lexer's location of the offending token (read right after the failed
 * synchronous parse), falling back to column 1.
 */
export function describeTemplateError(
  error: unknown,
  lexer: LexerLocation | undefined,
): TemplateProblem {
  const e = (error instanceof Error ? error : new Error(String(error))) as HandlebarsExceptionLike;
  const detail = summarise(e.message);
  if (typeof e.lineNumber === 'number') {
    const column = typeof e.column === 'number' ? e.column + 1 : 1;
    return {
      line: e.lineNumber,
      column,
      message: `line ${e.lineNumber}, column ${column}: ${detail}`,
    };
  }
  const match = /(?:Parse|Lexical) error on line (\d+)/.exec(e.message);
  const line = match ? Number(match[1]) : (lexer?.first_line ?? 1);
  const column =
    lexer?.first_line === line && typeof lexer.first_column === 'number'
      ? lexer.first_column + 1
      : 1;
  return { line, column, message: `line ${line}, column ${column}: ${detail}` };
}

const TOKEN_NAMES: Record<string, string> = {
  EOF: 'end of template',
  CLOSE: '"}}"',
  OPEN: '"{{"',
  OPEN_ENDBLOCK: '"{{/"',
  INVALID: 'character or end of text inside "{{ }}" (is "}}" missing?)',
  CLOSE_UNESCAPED: '"}}}"',
};

/** "Expecting 'ID', ..., got 'EOF'" -> "unexpected end of template". */
function summarise(message: string): string {
  const got = /got '([A-Z_]+)'/.exec(message);
  if (got?.[1])
    return `unexpected ${TOKEN_NAMES[got[1]] ?? got[1].toLowerCase().replace(/_/g, ' ')}`;
  if (message.startsWith('Lexical error'))
    return 'unrecognised text (an unclosed comment or mustache?)';
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ - \d+:\d+$/, '');
}
