import { builtinRules } from '../rules/index.ts';
import { RuleTester } from '../src/testing/rule-tester.ts';

// Every rule's documented examples run as tests: the docs cannot claim what the rule does not do.
const tester = new RuleTester();
for (const rule of builtinRules) tester.run(rule, rule.meta.examples);
