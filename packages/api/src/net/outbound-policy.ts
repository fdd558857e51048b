import { AddressPolicy } from './address-policy.js';

// One policy per process, installed at start from the configuration (buildApp, the worker):
// the webhook sender's connections read it when they connect, so no caller can forget it.
let current = new AddressPolicy();

/** Installs the operator's allowlist for every outbound webhook connection of this process. */
export function installOutboundPolicy(policy: AddressPolicy): void {
  current = policy;
}

/** The policy in force: public unicast only until the configuration says otherwise. */
export const outboundPolicy = (): AddressPolicy => current;
