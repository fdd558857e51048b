/**
 * Named schemas in the OpenAPI document. A TypeBox schema given an `$id` (e.g. `Interview`) is
 * written once under `components.schemas` and referenced everywhere it appears, so the document,
 * the docs page and the generated SDK types name it instead of inlining it at every use. Routes
 * keep using the TypeBox value itself: validation, serialization and type inference are unchanged.
 */

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The name a schema asks for (`$id`), unless it is a fragment-only anchor. */
const nameOf = (schema: Node): string | undefined =>
  typeof schema.$id === 'string' && !schema.$id.startsWith('#') ? schema.$id : undefined;

export class NamedSchemas {
  /** Each name's schema, its nested named schemas already replaced by references. */
  readonly schemas = new Map<string, Node>();
  readonly #sources = new Map<string, string>();

  /**
   * A copy of `schema` with every named subschema (the root included) replaced by a `$ref`. At the
   * root of a response, its `headers` and `description` (what describes the response) stay beside.
   */
  reference(schema: unknown, response = false): unknown {
    if (Array.isArray(schema)) return schema.map((item) => this.reference(item));
    if (!isNode(schema)) return schema;
    const name = nameOf(schema);
    if (name !== undefined) {
      const kept: Node = {};
      const body: Node = {};
      for (const [key, value] of Object.entries(schema)) {
        if (response && key === 'headers') kept[key] = value;
        else if (key !== '$id') body[key] = value;
        if (response && key === 'description') kept[key] = value;
      }
      this.#register(name, body);
      return { ...kept, $ref: `#/components/schemas/${name}` };
    }
    const out: Node = {};
    for (const [key, value] of Object.entries(schema)) out[key] = this.reference(value);
    return out;
  }

  /** A route schema with its body and responses referencing the named schemas. */
  referenceRoute(routeSchema: Node): Node {
    const out: Node = { ...routeSchema };
    if (routeSchema.body !== undefined) out.body = this.reference(routeSchema.body);
    if (isNode(routeSchema.response)) {
      out.response = Object.fromEntries(
        Object.entries(routeSchema.response).map(([status, response]) => [
          status,
          this.reference(response, true),
        ]),
      );
    }
    return out;
  }

  #register(name: string, body: Node): void {
    const source = JSON.stringify(body);
    const known = this.#sources.get(name);
    if (known === undefined) {
      this.#sources.set(name, source);
      this.schemas.set(name, this.reference(body) as Node);
    } else if (known !== source) {
      throw new Error(`Two different schemas are named ${name} in the OpenAPI document`);
    }
  }
}
