import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * A static reader of the SQL in the API libraries, for the data-ownership test: which tables and
 * views a source file names, whether it reads or writes them, and whether it holds data access
 * at all (so that SQL stays in `*.repository.ts` files).
 */

export type Access = 'read' | 'write';

export interface TableMention {
  name: string;
  access: Access;
  /** The keyword that introduced the name: FROM, JOIN, INTO, UPDATE, TABLE or @Entity. */
  keyword: string;
  line: number;
}

export interface SourceScan {
  /** Tables and views named in SQL literals and `@Entity('...')` decorators. */
  mentions: TableMention[];
  /** Lines that hold data access: an SQL literal or a query/getRepository/createQueryBuilder call. */
  dataAccessLines: number[];
}

interface Literal {
  text: string;
  line: number;
}

const SQL_KEYWORDS =
  /\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+[a-z_][a-z0-9_]*\s+SET|DELETE\s+FROM|TRUNCATE|WITH\s+(RECURSIVE\s+)?[a-z_][a-z0-9_]*\s+AS\s*\()/;
/** A fragment such as 'JOIN users u ON ...' built into a larger statement. */
const SQL_FRAGMENT = /\b(?:FROM|JOIN|INTO|UPDATE|DELETE\s+FROM)\s+[a-z_][a-z0-9_]*\b/;
const DATA_ACCESS_CALL = /\.(query|getRepository|createQueryBuilder)\s*\(|@InjectRepository\s*\(/;
/** Upper-case keyword, then a lower-case identifier (the project writes SQL keywords in capitals). */
const NAME_AFTER =
  /\b(DELETE\s+FROM|FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)\b(\s*\()?/g;
const CTE =
  /(?:\bWITH\s+(?:RECURSIVE\s+)?|,\s*)([a-z_][a-z0-9_]*)\s*(?:\([^)]*\)\s*)?AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(/g;
const ENTITY = /@Entity\(\s*['"`]([a-z_][a-z0-9_]*)['"`]/g;

/** Splits TypeScript source into string/template literals (template holes become `?`) and the rest. */
export function literalsOf(source: string): { literals: Literal[]; code: string } {
  const lineStarts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === '\n') lineStarts.push(k + 1);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const literals: Array<{ text: string; at: number }> = [];
  let code = '';
  let i = 0;

  const readQuoted = (quote: string): string => {
    let out = '';
    i++;
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        out += source[i + 1] ?? '';
        i += 2;
        continue;
      }
      out += source[i];
      i++;
    }
    i++;
    return out;
  };

  // A template literal; literals nested in `${...}` are collected as literals of their own.
  const readTemplate = (): string => {
    let out = '';
    i++;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        out += source[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (source[i] === '$' && source[i + 1] === '{') {
        let depth = 1;
        i += 2;
        while (i < source.length && depth > 0) {
          const c = source[i];
          if (c === '`' || c === "'" || c === '"') {
            const at = i;
            const text = c === '`' ? readTemplate() : readQuoted(c);
            literals.push({ text, at });
            continue;
          }
          if (c === '{') depth++;
          if (c === '}') depth--;
          i++;
        }
        out += '?';
        continue;
      }
      out += source[i];
      i++;
    }
    i++;
    return out;
  };

  let lastSignificant = '';
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      code += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
      // A regular expression literal: skip it (it may contain quotes).
      let inClass = false;
      i++;
      while (i < source.length && source[i] !== '\n') {
        if (source[i] === '\\') {
          i += 2;
          continue;
        }
        if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        else if (source[i] === '/' && !inClass) break;
        i++;
      }
      i++;
      lastSignificant = ')';
      code += ' /re/ ';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const at = i;
      const text = c === '`' ? readTemplate() : readQuoted(c);
      literals.push({ text, at });
      // Keep the line structure of the code outside literals.
      code += `''${source.slice(at, i).replace(/[^\n]/g, '')}`;
      lastSignificant = ')';
      continue;
    }
    if (!/\s/.test(c)) lastSignificant = c;
    code += c;
    i++;
  }
  literals.sort((a, b) => a.at - b.at);
  return { literals: literals.map((l) => ({ text: l.text, line: lineAt(l.at) })), code };
}

/** True when a string literal reads as SQL (upper-case keywords, as the project writes them). */
export function isSql(text: string): boolean {
  return SQL_KEYWORDS.test(text) || SQL_FRAGMENT.test(text);
}

/** Names of the common table expressions an SQL text defines (WITH x AS (...), y AS (...)). */
export function ctesIn(sql: string): string[] {
  return [...sql.matchAll(CTE)].map((m) => m[1] ?? '').filter(Boolean);
}

/** Table and view names an SQL text names, with read/write access. CTEs and functions are skipped. */
export function tablesIn(
  sql: string,
  knownCtes: ReadonlySet<string> = new Set(),
): Array<{ name: string; access: Access; keyword: string }> {
  const ctes = new Set([...knownCtes, ...ctesIn(sql)]);
  const out: Array<{ name: string; access: Access; keyword: string }> = [];
  for (const m of sql.matchAll(NAME_AFTER)) {
    const keyword = (m[1] ?? '').replace(/\s+/g, ' ');
    const name = m[2] ?? '';
    const access: Access = keyword === 'FROM' || keyword === 'JOIN' ? 'read' : 'write';
    // FROM f(...) is a function call; INTO t(...) is a column list.
    if ((m[3] && access === 'read') || ctes.has(name)) continue;
    out.push({ name, access, keyword });
  }
  return out;
}

/** Scans one TypeScript source. */
export function scanSource(source: string): SourceScan {
  const { literals, code } = literalsOf(source);
  const mentions: TableMention[] = [];
  const dataAccess = new Set<number>();
  const sql = literals.filter((l) => isSql(l.text));
  // A statement may be assembled from several literals: CTEs count for the whole file.
  const ctes = new Set(sql.flatMap((l) => ctesIn(l.text)));
  for (const l of sql) {
    dataAccess.add(l.line);
    for (const t of tablesIn(l.text, ctes)) mentions.push({ ...t, line: l.line });
  }
  for (const m of source.matchAll(ENTITY)) {
    const line = source.slice(0, m.index).split('\n').length;
    mentions.push({ name: m[1] ?? '', access: 'write', keyword: '@Entity', line });
  }
  code.split('\n').forEach((text, k) => {
    if (DATA_ACCESS_CALL.test(text)) dataAccess.add(k + 1);
  });
  return { mentions, dataAccessLines: [...dataAccess].sort((a, b) => a - b) };
}

/** Every non-test `.ts` file under a folder, as paths relative to `root` with `/` separators. */
export function sourceFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== '__tests__' && entry !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(entry) && !/\.(spec|int-spec|e2e-spec)\.tsx?$/.test(entry)) {
        out.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(join(root, folder));
  return out.sort();
}

export function scanFile(root: string, file: string): SourceScan {
  return scanSource(readFileSync(join(root, file), 'utf8'));
}
