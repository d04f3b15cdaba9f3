/**
 * Text edits by source offset. The transform parses with jscodeshift but writes its changes
 * as splices into the original text rather than reprinting nodes: every byte it does not
 * mean to change stays as the author wrote it (quotes, commas, comments, blank lines).
 */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface Edit extends Range {
  readonly text: string;
}

export class EditConflictError extends Error {
  constructor(first: Edit, second: Edit) {
    super(`overlapping edits at ${first.start}-${first.end} and ${second.start}-${second.end}`);
    this.name = 'EditConflictError';
  }
}

/**
 * Applies edits to `source`. Insertions (empty ranges) at the start of a replaced range go
 * in front of the replacement; identical edits count once; real overlaps throw, so a bug
 * in the transform shows up as an unchanged file and a report entry, never as garbage.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const newline = lineEndingOf(source);
  // Transforms write their inserted lines with \n; a CRLF file gets them in its own ending,
  // here where every transform's edits pass, so no transform has to think of it.
  const inFileEnding = (text: string): string => (newline === '\n' ? text : text.replace(/\r?\n/gu, newline));
  // An insertion "at the end of the line" found with indexOf('\n') lands between \r and \n:
  // put it before the \r, so the line keeps its ending whole.
  const inFileLayout = (edit: Edit): Edit => {
    const text = inFileEnding(edit.text);
    const splitsCrlf = edit.start === edit.end && source[edit.start - 1] === '\r' && source[edit.start] === '\n';
    return splitsCrlf ? { start: edit.start - 1, end: edit.end - 1, text } : { ...edit, text };
  };
  const unique = [...new Map(edits.map(inFileLayout).map((edit) => [`${edit.start}:${edit.end}:${edit.text}`, edit])).values()];
  const ordered = unique
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map(({ edit }) => edit);
  let result = '';
  let cursor = 0;
  let previous: Edit | undefined;
  for (const edit of ordered) {
    if (edit.start < cursor) {
      if (previous) throw new EditConflictError(previous, edit);
    }
    result += source.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
    previous = edit;
  }
  return result + source.slice(cursor);
}

/** The file's line ending, as its first line break has it; \n for a file of one line. */
export function lineEndingOf(source: string): '\n' | '\r\n' {
  const first = source.indexOf('\n');
  return first > 0 && source[first - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that indents the line holding `offset`. */
export function indentationAt(source: string, offset: number): string {
  const start = lineStartOf(source, offset);
  return /^[ \t]*/u.exec(source.slice(start, offset))?.[0] ?? '';
}

function onlyWhitespaceBefore(source: string, offset: number): boolean {
  return /^[ \t]*$/u.test(source.slice(lineStartOf(source, offset), offset));
}

/** Offset just past the comma that follows `offset` (whitespace and comments skipped), or undefined. */
function commaAfter(source: string, offset: number): number | undefined {
  const match = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*,/u.exec(source.slice(offset));
  return match ? offset + match[0].length : undefined;
}

/**
 * Removes a statement (or class member) and, when it stands alone on its lines, the lines
 * themselves. Comments before it stay where they are.
 */
export function removeStatement(source: string, node: Range): Edit {
  const lineEnd = source.indexOf('\n', node.end);
  const rest = source.slice(node.end, lineEnd === -1 ? source.length : lineEnd);
  if (onlyWhitespaceBefore(source, node.start) && /^[ \t;]*\r?$/u.test(rest)) {
    return { start: lineStartOf(source, node.start), end: lineEnd === -1 ? source.length : lineEnd + 1, text: '' };
  }
  const trailing = /^[ \t]*/u.exec(rest)?.[0].length ?? 0;
  return { start: node.start, end: node.end + trailing, text: '' };
}

/**
 * Removes the items at `removed` (indices) from a comma-separated list (object members,
 * array elements, arguments, specifiers), keeping commas, line breaks and trailing comments
 * of what remains in the author's layout. Removing every item is the caller's decision.
 */
export function removeListItems(source: string, items: readonly Range[], removed: ReadonlySet<number>): Edit[] {
  const edits: Edit[] = [];
  let index = 0;
  while (index < items.length) {
    if (!removed.has(index)) {
      index++;
      continue;
    }
    let last = index;
    while (removed.has(last + 1)) last++;
    const first = items[index];
    const final = items[last];
    const next = items[last + 1];
    const before = items[index - 1];
    if (!first || !final) break;
    const comma = commaAfter(source, final.end);
    const lineEnd = source.indexOf('\n', comma ?? final.end);
    const restOfLine = source.slice(comma ?? final.end, lineEnd === -1 ? source.length : lineEnd);
    if (onlyWhitespaceBefore(source, first.start) && (next === undefined || next.start > lineEnd) && lineEnd !== -1) {
      const lineStart = lineStartOf(source, first.start);
      if (/^[ \t]*\r?$/u.test(restOfLine)) {
        edits.push({ start: lineStart, end: lineEnd + 1, text: '' });
        // The list had no trailing comma: the item now last should not gain one.
        const previousComma = before && !next && comma === undefined ? commaAfter(source, before.end) : undefined;
        if (previousComma !== undefined && previousComma <= lineStart) edits.push({ start: previousComma - 1, end: previousComma, text: '' });
      } else {
        // A comment after the item explains something a person wrote: keep it on its line.
        const spaces = /^[ \t]*/u.exec(restOfLine)?.[0].length ?? 0;
        edits.push({ start: first.start, end: (comma ?? final.end) + spaces, text: '' });
      }
    } else if (next) {
      edits.push({ start: first.start, end: next.start, text: '' });
    } else if (before) {
      edits.push({ start: before.end, end: comma ?? final.end, text: '' });
    } else {
      edits.push({ start: first.start, end: comma ?? final.end, text: '' });
    }
    index = last + 1;
  }
  return edits;
}

function isBlankLineAt(source: string, lineStart: number): boolean {
  const lineEnd = source.indexOf('\n', lineStart);
  return lineEnd !== -1 && /^[ \t]*\r?$/u.test(source.slice(lineStart, lineEnd));
}

/**
 * Joins whole-line deletions that touch and, where a deletion leaves two blank lines (or a
 * blank line at the top of the file) behind, deletes one of them: removing a declaration
 * between two paragraphs must not leave a double gap.
 */
export function tidyLineRemovals(source: string, edits: readonly Edit[]): Edit[] {
  const isLineRemoval = (edit: Edit): boolean =>
    edit.text === '' && edit.end > edit.start && lineStartOf(source, edit.start) === edit.start && (edit.end === source.length || source[edit.end - 1] === '\n');
  const removals = edits.filter(isLineRemoval).sort((a, b) => a.start - b.start);
  const others = edits.filter((edit) => !isLineRemoval(edit));
  const merged: Edit[] = [];
  for (const edit of removals) {
    const last = merged.at(-1);
    if (last && edit.start <= last.end) merged[merged.length - 1] = { ...last, end: Math.max(last.end, edit.end) };
    else merged.push(edit);
  }
  const insertedAt = new Set(others.filter((edit) => edit.start === edit.end).map((edit) => edit.start));
  const tidied = merged.map((edit) => {
    if (insertedAt.has(edit.start) || insertedAt.has(edit.end) || edit.end >= source.length) return edit;
    const previousLineStart = edit.start === 0 ? -1 : lineStartOf(source, edit.start - 1);
    const blankBefore = edit.start === 0 || isBlankLineAt(source, previousLineStart);
    if (blankBefore && isBlankLineAt(source, edit.end)) {
      return { ...edit, end: source.indexOf('\n', edit.end) + 1 };
    }
    return edit;
  });
  return [...others, ...tidied];
}
