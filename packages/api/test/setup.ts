import { AddressPolicy } from '../src/net/address-policy.js';
import { installOutboundPolicy } from '../src/net/outbound-policy.js';
import { TEST_ALLOW_PRIVATE_HOSTS } from './helper.js';

// Dispatchers built without an app (the reminder suites) send to loopback receivers too.
installOutboundPolicy(new AddressPolicy(TEST_ALLOW_PRIVATE_HOSTS));
