import { type TSchema, Type } from 'typebox';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/pagination.js';

/** The query of every list: `?limit=&cursor=`. */
export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_PAGE_SIZE,
      description: 'Page size',
    }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'The nextCursor of the previous page' })),
};

/** `{ data, nextCursor }`: a keyset page, named `<Item>Page` in the document when the item is named. */
export const PageOf = <T extends TSchema>(item: T, description: string) => {
  const name = (item as { $id?: unknown }).$id;
  return Type.Object(
    {
      data: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
    },
    { description, ...(typeof name === 'string' ? { $id: `${name}Page` } : {}) },
  );
};
