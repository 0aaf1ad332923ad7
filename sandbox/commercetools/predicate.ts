// A small parser and evaluator for commercetools query predicates (`where`): comparisons, in, is defined, and/or/not, nested fields.
import { ctErrors } from "./errors";

type Literal = string | number | boolean;

export type Predicate =
  | { kind: "and" | "or"; left: Predicate; right: Predicate }
  | { kind: "not"; inner: Predicate }
  | { kind: "nested"; field: string; inner: Predicate }
  | { kind: "compare"; field: string; op: "=" | "!=" | "<" | "<=" | ">" | ">="; value: Literal }
  | { kind: "in"; field: string; negated: boolean; values: Literal[] }
  | { kind: "defined"; field: string; negated: boolean };

type Token = { t: "str"; v: string } | { t: "num"; v: number } | { t: "id"; v: string } | { t: "sym"; v: string };

function malformed(where: string, why: string): Error {
  return ctErrors.invalidInput(`Malformed parameter: where: Syntax error while parsing 'where'. ${why} (in '${where}')`);
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let s = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && i + 1 < src.length) i++;
        s += src[i];
        i++;
      }
      if (i >= src.length) throw malformed(src, "Unterminated string.");
      i++;
      out.push({ t: "str", v: s });
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw malformed(src, `Unexpected '${c}'.`);
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (["!=", "<>", "<=", ">="].includes(two)) {
        out.push({ t: "sym", v: two === "<>" ? "!=" : two });
        i += 2;
      } else if ("()=<>,".includes(c)) {
        out.push({ t: "sym", v: c });
        i++;
      } else {
        throw malformed(src, `Unexpected '${c}'.`);
      }
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Predicate {
    const p = this.or();
    if (this.pos < this.tokens.length) throw malformed(this.src, "Unexpected trailing input.");
    return p;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t?.t === "id" && t.v.toLowerCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private sym(s: string): boolean {
    const t = this.peek();
    if (t?.t === "sym" && t.v === s) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expectSym(s: string): void {
    if (!this.sym(s)) throw malformed(this.src, `Expected '${s}'.`);
  }

  private or(): Predicate {
    let left = this.and();
    while (this.keyword("or")) left = { kind: "or", left, right: this.and() };
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.keyword("and")) left = { kind: "and", left, right: this.unary() };
    return left;
  }

  private unary(): Predicate {
    if (this.sym("(")) {
      const inner = this.or();
      this.expectSym(")");
      return inner;
    }
    const t = this.peek();
    if (t?.t === "id" && t.v.toLowerCase() === "not" && this.tokens[this.pos + 1]?.v === "(") {
      this.pos += 2;
      const inner = this.or();
      this.expectSym(")");
      return { kind: "not", inner };
    }
    return this.comparison();
  }

  private literal(): Literal {
    const t = this.peek();
    if (t === undefined) throw malformed(this.src, "Expected a value.");
    this.pos++;
    if (t.t === "str" || t.t === "num") return t.v;
    if (t.t === "id" && (t.v === "true" || t.v === "false")) return t.v === "true";
    throw malformed(this.src, `Expected a value, found '${String(t.v)}'.`);
  }

  private comparison(): Predicate {
    const t = this.peek();
    if (t?.t !== "id") throw malformed(this.src, "Expected a field name.");
    this.pos++;
    const field = t.v;
    if (this.sym("(")) {
      const inner = this.or();
      this.expectSym(")");
      return { kind: "nested", field, inner };
    }
    if (this.keyword("is")) {
      const negated = this.keyword("not");
      if (!this.keyword("defined")) throw malformed(this.src, "Expected 'defined'.");
      return { kind: "defined", field, negated };
    }
    const negatedIn = this.keyword("not");
    if (this.keyword("in")) {
      this.expectSym("(");
      const values = [this.literal()];
      while (this.sym(",")) values.push(this.literal());
      this.expectSym(")");
      return { kind: "in", field, negated: negatedIn, values };
    }
    if (negatedIn) throw malformed(this.src, "Expected 'in' after 'not'.");
    const op = this.peek();
    if (op?.t !== "sym" || !["=", "!=", "<", "<=", ">", ">="].includes(op.v)) {
      throw malformed(this.src, `Expected an operator after '${field}'.`);
    }
    this.pos++;
    return { kind: "compare", field, op: op.v as "=", value: this.literal() };
  }
}

export function parsePredicate(where: string): Predicate {
  return new Parser(where, tokenize(where)).parse();
}

function compare(a: unknown, op: string, b: Literal): boolean {
  if (a === undefined || a === null) return false;
  if (typeof a !== typeof b) return op === "!=";
  const x = a as Literal;
  switch (op) {
    case "=":
      return x === b;
    case "!=":
      return x !== b;
    case "<":
      return x < b;
    case "<=":
      return x <= b;
    case ">":
      return x > b;
    default:
      return x >= b;
  }
}

/** Evaluates a predicate against a plain JSON object. */
export function evaluate(p: Predicate, obj: Record<string, unknown>): boolean {
  switch (p.kind) {
    case "and":
      return evaluate(p.left, obj) && evaluate(p.right, obj);
    case "or":
      return evaluate(p.left, obj) || evaluate(p.right, obj);
    case "not":
      return !evaluate(p.inner, obj);
    case "nested": {
      const child = obj[p.field];
      const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
      // On a list of objects (customerGroupAssignments), the predicate holds when it holds for one of them.
      if (Array.isArray(child)) return child.some((item) => isObject(item) && evaluate(p.inner, item));
      return isObject(child) && evaluate(p.inner, child);
    }
    case "defined":
      return (obj[p.field] !== undefined && obj[p.field] !== null) !== p.negated;
    case "in": {
      const v = obj[p.field];
      if (v === undefined || v === null) return false;
      return p.values.includes(v as Literal) !== p.negated;
    }
    case "compare":
      return compare(obj[p.field], p.op, p.value);
  }
}

/** Fields of a customer group a predicate may name at the top level; others are rejected, as the platform does. */
export const GROUP_FIELDS: ReadonlySet<string> = new Set(["id", "key", "name", "version", "createdAt", "lastModifiedAt", "custom"]);

export function checkFields(p: Predicate, where: string, queryable: ReadonlySet<string>, top = true): void {
  switch (p.kind) {
    case "and":
    case "or":
      checkFields(p.left, where, queryable, top);
      checkFields(p.right, where, queryable, top);
      return;
    case "not":
      checkFields(p.inner, where, queryable, top);
      return;
    case "nested":
      if (top && !queryable.has(p.field)) throw malformed(where, `Unknown field '${p.field}'.`);
      checkFields(p.inner, where, queryable, false);
      return;
    default:
      if (top && !queryable.has(p.field)) throw malformed(where, `Unknown field '${p.field}'.`);
  }
}
