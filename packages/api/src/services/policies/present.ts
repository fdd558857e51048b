import type { Policy } from '@infoview/core';

export interface PolicyView {
  /** The tenant id: the policy is a singleton of the tenant. */
  id: string;
  /** What the tenant sent (a preset and the keys it changed); `{}` = the guide's defaults. */
  input: Record<string, unknown>;
  /** The policy in force: the preset with the changes applied. */
  policy: Policy;
  /** 0 until the tenant first replaces its policy. */
  version: number;
  updatedAt: string | null;
}
