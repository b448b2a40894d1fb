import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';
import { consistentPair } from './lib/examples.ts';
import { relativeTo } from './lib/related.ts';
import { comparableProse, normalizeProse, repetition } from './lib/similarity.ts';

const OVERVIEW_2023 =
  '本年度，本局以习近平新时代中国特色社会主义思想为指导，围绕全区工业经济稳增长目标，聚焦企业服务、项目建设和数字化转型，' +
  '及时公开惠企政策、专项资金申报和项目审批结果，全年开展政策解读活动六场，组织企业座谈会四次，持续提升政务公开的针对性和实效性。';
const PROBLEMS_2023 =
  '（一）存在的主要问题：部分栏目更新不够及时，政策解读形式比较单一，公众参与渠道有待拓宽。（二）改进措施：建立栏目更新提醒机制，丰富图表、视频等解读形式，开展政府开放日活动。';
const OVERVIEW_2024 =
  '本年度，本局围绕制造业高质量发展，重点公开技术改造、专精特新企业培育和工业园区招商信息，新开设“企业服务直通车”专栏，' +
  '通过线上问答、现场宣讲等方式解读新出台的扶持政策，主动回应企业关切，政务公开与优化营商环境工作相互促进。';

export default builtinRule({
  meta: {
    id: 'similar-to-last-year',
    description: {
      'zh-CN': '本年度报告的正文大部分与上一年度报告相同（按字符计的重复比例超过阈值）',
      en: 'Most of this year’s prose is last year’s again (the share of repeated characters exceeds a threshold)',
    },
    rationale: {
      'zh-CN':
        '各地评估细则对“照搬上年报告、内容与上年雷同（超过一半相同）”的年报扣分。本规则比较正文文字：六个部分中的叙述，不含表格、标题、小标题、署名，也不含格式规定的固定语句（编制依据、统计期限、联系方式、电子版下载、信息处理费说明）；数字一律视为相同（只改了数字的句子算作重复）。在上一年度报告的文字上建后缀自动机，一遍扫描本年文字即得每个位置与上年相同的最长片段，时间和内存与文字长度成线性；至少 minLength 个字符（默认16）相同的片段计为重复。实测：平潭综合实验区2019—2025年相邻年份为 9%、6%、1%、16%、3%、6%（2020/2019、2021/2020、…、2025/2024）；淮安市洪泽区人民政府2024/2023为 41%；不同机关（淮安市人民政府2024 与洪泽区2023、2024）为 4%。默认阈值 50%。',
      en: 'Provincial scoring sheets mark down reports that copy last year’s (“more than half the same”). The rule compares prose: the narrative of the six parts, without tables, headings, sub-headings and signature, and without the sentences the format fixes (legal basis, statistical period, contact, where to download, the fee statement); all numbers count as equal (a sentence with only its figures changed is repeated). A suffix automaton of last year’s text and one pass over this year’s give, at every position, the longest passage also found last year: linear time and memory. Passages of at least minLength characters (16) count as repeated. Measured: 平潭综合实验区 2019–2025, consecutive years: 9%, 6%, 1%, 16%, 3%, 6% (2020/2019 … 2025/2024); 淮安市洪泽区人民政府 2024/2023: 41%; different agencies (淮安市人民政府 2024 against 洪泽区 2023 and 2024): 4%. Default threshold 50%.',
    },
    defaultSeverity: 'warn',
    options: z
      .object({
        /** Warn when more than this share of the prose (0–1) is repeated from last year's report. */
        threshold: z.number().min(0).max(1).default(0.5),
        /** The shortest passage (in characters, spaces left out) that counts as repeated. */
        minLength: z.number().int().min(4).default(16),
        /** Reports with less prose than this (characters) are not compared. */
        minProse: z.number().int().min(0).default(100),
      })
      .strict(),
    messages: {
      similar: {
        'zh-CN': '正文有{percent}%与上一年度报告（{file}）相同；最长的相同段落从此处开始，共{length}字（上年报告第{line}行）：“{excerpt}”',
        en: '{percent}% of the prose repeats last year’s report ({file}); the longest repeated passage starts here, {length} characters (last year’s line {line}): “{excerpt}”',
      },
    },
    examples: {
      valid: [
        {
          title: '重写了总体情况',
          sample: { ...consistentPair(2024).current, replace: [[/2024年，本局认真贯彻落实.*\n/, `${OVERVIEW_2024}\n`]] },
          related: [{ sample: { ...consistentPair(2024).previous, replace: [[/2023年，本局认真贯彻落实.*\n/, `${OVERVIEW_2023}\n`]] }, filePath: 'last.md' }],
        },
      ],
      invalid: [
        {
          title: '只改了年份和数字',
          sample: {
            ...consistentPair(2024).current,
            replace: [
              [/2024年，本局认真贯彻落实.*\n/, `${OVERVIEW_2023.replace('六场', '七场')}\n`],
              [/（一）存在的主要问题.*\n/, `${PROBLEMS_2023}\n`],
            ],
          },
          related: [
            {
              sample: {
                ...consistentPair(2024).previous,
                replace: [
                  [/2023年，本局认真贯彻落实.*\n/, `${OVERVIEW_2023}\n`],
                  [/（一）存在的主要问题.*\n/, `${PROBLEMS_2023}\n`],
                ],
              },
              filePath: 'last.md',
            },
          ],
          errors: ['similar'],
        },
      ],
    },
  },
  checkSet(context) {
    const previous = context.previousYear();
    if (!previous) return;
    const { threshold, minLength, minProse } = context.options;
    const mine = comparableProse(context.current.prose, context.current.agencyText);
    const theirs = comparableProse(previous.prose, previous.agencyText);
    const current = normalizeProse(mine);
    if (current.text.length < minProse) return;
    const before = normalizeProse(theirs);
    const result = repetition(current.text, before.text, minLength);
    const share = result.covered / result.total;
    if (share <= threshold || !result.longest) return;
    const { start, end, previousEnd } = result.longest;
    const at = (text: typeof current, segments: typeof mine, i: number) => {
      const segment = segments[text.segment[i] ?? 0];
      const index = text.index[i] ?? 0;
      return segment ? { line: segment.line, column: segment.column + index } : { line: 1, column: 1 };
    };
    const from = at(current, mine, start);
    const last = at(current, mine, end - 1);
    // As written: from the passage's start, within its sentence, at most 30 characters.
    const first = mine[current.segment[start] ?? 0];
    const excerpt = first ? first.text.slice(current.index[start] ?? 0).trim() : current.text.slice(start, end);
    context.report({
      messageId: 'similar',
      data: {
        percent: Math.round(share * 100),
        file: relativeTo(context.current.filePath, previous.filePath),
        length: end - start,
        line: at(before, theirs, previousEnd - (end - start)).line,
        excerpt: excerpt.length > 30 ? `${excerpt.slice(0, 30)}…` : excerpt,
      },
      at: { start: from, end: { line: last.line, column: last.column + 1 } },
    });
  },
});
