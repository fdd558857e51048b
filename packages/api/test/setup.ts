import { installSecretKeyring } from '../src/crypto/installed-keyring.js';
import {
  formatSecretKeys,
  generateSecretKey,
  parseSecretKeys,
  SecretKeyring,
} from '../src/crypto/secret-keyring.js';
import { AddressPolicy } from '../src/net/address-policy.js';
import { installOutboundPolicy } from '../src/net/outbound-policy.js';
import { TEST_ALLOW_PRIVATE_HOSTS } from './helper.js';

// Dispatchers built without an app (the reminder suites) send to loopback receivers too, and so
// do the workers a suite spawns (they inherit the environment).
installOutboundPolicy(new AddressPolicy(TEST_ALLOW_PRIVATE_HOSTS));
process.env.WEBHOOK_ALLOW_PRIVATE_HOSTS ||= TEST_ALLOW_PRIVATE_HOSTS.join(',');

// One key for secrets at rest per test process, in the environment so that the servers and
// workers a suite spawns open what the suite sealed (and no test writes a key file).
process.env.INFOVIEW_SECRET_KEYS ||= formatSecretKeys([generateSecretKey('test1')]);
installSecretKeyring(new SecretKeyring(parseSecretKeys(process.env.INFOVIEW_SECRET_KEYS)));
