/**
 * The template language, kept small on purpose:
 *   {{student.firstName}}                       a variable (must be known, must have a value)
 *   {{#if contact.organization}}…{{else}}…{{/if}} a conditional on whether a variable has a value
 * Nothing else: no filters, no loops, no escapes. A literal `{{` is a syntax error, so a
 * rendered message can never carry an unfilled placeholder.
 */

/** One piece of a parsed template. */
export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'variable'; name: string; offset: number }
  | { type: 'if'; name: string; offset: number; present: TemplateNode[]; absent: TemplateNode[] };

/** One problem found while parsing a template. Example: `{ code: 'message.template_syntax', message, offset: 0 }`. */
export interface TemplateIssue {
  code: 'message.template_syntax' | 'message.unknown_variable';
  message: string;
  offset: number;
  variable?: string;
}

const TAG = /\{\{\s*(#if\s+|\/if|else)?\s*([^{}]*?)\s*\}\}/y;
const NAME = /^[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*$/;

interface Frame {
  nodes: TemplateNode[];
  node?: Extract<TemplateNode, { type: 'if' }>;
  inElse: boolean;
}

/** Parse template source into nodes, or return the syntax issues found. */
export function parseTemplate(source: string): { nodes: TemplateNode[]; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const root: Frame = { nodes: [], inElse: false };
  const stack: Frame[] = [root];
  let cursor = 0;
  const current = (): Frame => stack[stack.length - 1] ?? root;
  const pushText = (text: string): void => {
    if (text) current().nodes.push({ type: 'text', text });
  };

  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    const strayClose = source.indexOf('}}', cursor);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      issues.push({ code: 'message.template_syntax', message: 'Unmatched "}}".', offset: strayClose });
      pushText(source.slice(cursor, strayClose));
      cursor = strayClose + 2;
      continue;
    }
    if (open === -1) {
      pushText(source.slice(cursor));
      break;
    }
    pushText(source.slice(cursor, open));
    TAG.lastIndex = open;
    const match = TAG.exec(source);
    if (!match) {
      issues.push({ code: 'message.template_syntax', message: 'Unclosed or malformed "{{".', offset: open });
      cursor = open + 2;
      continue;
    }
    cursor = TAG.lastIndex;
    const keyword = match[1]?.trim();
    const name = match[2] ?? '';
    const frame = current();
    if (keyword === '/if' || keyword === 'else') {
      if (!frame.node || name !== '' || (keyword === 'else' && frame.inElse)) {
        issues.push({
          code: 'message.template_syntax',
          message: `Unexpected "{{${keyword}${name ? ` ${name}` : ''}}}".`,
          offset: open,
        });
        continue;
      }
      if (keyword === 'else') {
        frame.inElse = true;
        frame.nodes = frame.node.absent;
      } else {
        stack.pop();
      }
      continue;
    }
    if (!NAME.test(name)) {
      issues.push({
        code: 'message.template_syntax',
        message: `"{{${match[0].slice(2, -2).trim()}}}" is not a variable name like {{student.firstName}}.`,
        offset: open,
      });
      continue;
    }
    if (keyword === '#if') {
      const node: Extract<TemplateNode, { type: 'if' }> = {
        type: 'if',
        name,
        offset: open,
        present: [],
        absent: [],
      };
      frame.nodes.push(node);
      stack.push({ nodes: node.present, node, inElse: false });
    } else {
      frame.nodes.push({ type: 'variable', name, offset: open });
    }
  }
  for (const frame of stack.slice(1)) {
    issues.push({
      code: 'message.template_syntax',
      message: `"{{#if ${frame.node?.name}}}" is never closed with "{{/if}}".`,
      offset: frame.node?.offset ?? 0,
    });
  }
  return { nodes: root.nodes, issues };
}

/** Every variable name a parsed template refers to, in order of first use. */
export function templateVariables(
  nodes: readonly TemplateNode[],
  into: Set<string> = new Set(),
): Set<string> {
  for (const node of nodes) {
    if (node.type === 'variable') into.add(node.name);
    if (node.type === 'if') {
      into.add(node.name);
      templateVariables(node.present, into);
      templateVariables(node.absent, into);
    }
  }
  return into;
}

/** Where a rendered template needed a value it did not have. */
export interface MissingValue {
  variable: string;
  offset: number;
}

/**
 * Render nodes with `values`. A variable without a value is reported (never rendered blank);
 * `{{#if}}` takes its branch on whether the value is present and non-empty.
 */
export function renderNodes(
  nodes: readonly TemplateNode[],
  values: (name: string) => string | undefined,
): { text: string; missing?: MissingValue } {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      text += node.text;
    } else if (node.type === 'variable') {
      const value = values(node.name);
      if (value === undefined) return { text, missing: { variable: node.name, offset: node.offset } };
      text += value;
    } else {
      const branch = values(node.name) === undefined ? node.absent : node.present;
      const inner = renderNodes(branch, values);
      text += inner.text;
      if (inner.missing) return { text, missing: inner.missing };
    }
  }
  return { text };
}
