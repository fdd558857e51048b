/** The media type of a JSON Merge Patch document (RFC 7396). */
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';

/** The media types every PATCH accepts: both carry a JSON Merge Patch, with the same meaning. */
export const PATCH_CONTENT_TYPES = ['application/json', MERGE_PATCH_CONTENT_TYPE] as const;
