/** Tokenises a PDF content stream (ISO 32000-1 §7.8.2) into operators with their operands (strings and arrays kept as text). */
export interface Operation {
  readonly operator: string;
  readonly operands: readonly string[];
}

export function operations(content: Buffer | string): Operation[] {
  const text = typeof content === 'string' ? content : content.toString('latin1');
  const result: Operation[] = [];
  let operands: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '%') { while (i < text.length && text[i] !== '\n') i++; continue; }
    let end = i + 1;
    if (c === '(') end = closeLiteral(text, i);
    else if (c === '[') end = closeArray(text, i);
    else if (c === '<' && text[i + 1] === '<') end = closeDictionary(text, i);
    else if (c === '<') end = text.indexOf('>', i) + 1;
    else while (end < text.length && !/[\s/()[\]<>%]/.test(text[end] as string)) end++;
    if (end <= i) end = text.length;
    const token = text.slice(i, end);
    i = end;
    if (/^[A-Za-z'"*]/.test(token)) {
      result.push({ operator: token, operands });
      operands = [];
    } else operands.push(token);
  }
  return result;
}

function closeLiteral(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === '\\') { i++; continue; }
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

function closeArray(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '(') i = closeLiteral(text, i) - 1;
    else if (text[i] === ']') return i + 1;
  }
  return text.length;
}

/** Inline dictionaries (marked-content properties) may nest: `<</Alt <FEFF…>>>`. */
function closeDictionary(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === '(') { i = closeLiteral(text, i) - 1; continue; }
    if (text.startsWith('<<', i)) { depth++; i++; continue; }
    if (text.startsWith('>>', i)) { depth--; i++; if (depth === 0) return i + 1; continue; }
  }
  return text.length;
}
