/** The registry of built-in rules, sorted by id. A test checks that every file in rules/ is listed. */
import type { Rule } from '../src/rule.ts';
import carryOver from './carry-over.ts';
import citations from './citations.ts';
import contactInfo from './contact-info.ts';
import feeStatement from './fee-statement.ts';
import narrativeConsistency from './narrative-consistency.ts';
import overviewTopics from './overview-topics.ts';
import radicalCharacters from './radical-characters.ts';
import reportTitle from './report-title.ts';
import requiredSections from './required-sections.ts';
import signatureDate from './signature-date.ts';
import similarToLastYear from './similar-to-last-year.ts';
import statisticalPeriod from './statistical-period.ts';
import stockContinuity from './stock-continuity.ts';
import tableStructure from './table-structure.ts';
import tableSums from './table-sums.ts';

export const builtinRules: readonly Rule[] = [
  carryOver,
  citations,
  contactInfo,
  feeStatement,
  narrativeConsistency,
  overviewTopics,
  radicalCharacters,
  reportTitle,
  requiredSections,
  signatureDate,
  similarToLastYear,
  statisticalPeriod,
  stockContinuity,
  tableStructure,
  tableSums,
] as readonly Rule[];
