// The policy pack of pulumi-customer-groups (`pulumi preview|up --policy-pack node_modules/pulumi-customer-groups/policy`):
// guardrails a config repo's owners set once and no pull request can slip past. Each policy is configured through
// `--policy-pack-config` (policy name -> enforcementLevel and properties); advisory by default, and a policy whose
// properties are not configured checks nothing (except required-key, which has none).

import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("pulumi-customer-groups", { policies });
